# Campo's image, built from the distribution tarball. UNTESTED: the project's machines cannot run Docker; kept minimal
# on purpose. Build the tarball first (./campo dist), then: docker build --build-arg VERSION=<version> -t campo .
# See docs/install.md. Configuration is the CAMPO_* environment (conf/campo.env.example lists it all).
FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0-SNAPSHOT
RUN useradd --system --home-dir /var/lib/campo --create-home --shell /usr/sbin/nologin campo
# ADD unpacks a local tar.gz.
ADD target/campo-${VERSION}.tar.gz /opt/
RUN ln -s /opt/campo-${VERSION} /opt/campo
USER campo
WORKDIR /var/lib/campo
VOLUME /var/lib/campo
EXPOSE 8080 1883 8083
ENTRYPOINT ["/opt/campo/bin/campo"]
CMD ["serve"]
