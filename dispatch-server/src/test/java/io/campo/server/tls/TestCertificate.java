package io.campo.server.tls;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made at run time by the JDK's own {@code keytool} (no key is
 * committed, nothing beyond a JDK is needed) and written as the PEM files an operator gives Campo: the certificate and
 * an unencrypted PKCS#8 key.
 */
public record TestCertificate(Path certFile, Path keyFile, X509Certificate certificate) {

  private static final char[] PASSWORD = "test-only".toCharArray();

  public static TestCertificate create(Path dir) throws Exception {
    return create(dir, 0, 2);
  }

  /** A certificate valid from {@code startDaysAgo} days ago for {@code validityDays} days (in the past: expired). */
  public static TestCertificate create(Path dir, int startDaysAgo, int validityDays) throws Exception {
    Path store = dir.resolve("test.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "campo", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", String.valueOf(validityDays), "-startdate", "-" + startDaysAgo + "d", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
        "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    X509Certificate cert = (X509Certificate) ks.getCertificate("campo");
    PrivateKey key = (PrivateKey) ks.getKey("campo", PASSWORD);
    Path certFile = dir.resolve("cert.pem");
    Path keyFile = dir.resolve("key.pem");
    Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
    // PrivateKey.getEncoded() of an RSA key is PKCS#8: the form the operator's docs ask for.
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    return new TestCertificate(certFile, keyFile, cert);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  /** Trusts this certificate alone. */
  public TrustManagerFactory trustManagers() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("campo", certificate);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  public SSLContext sslContext() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, trustManagers().getTrustManagers(), null);
    return ctx;
  }
}
