// Last script of the office page: every section has registered, so the page can start.
window.CampoOffice.boot();
