namespace ububiko { int archive_stub = 0; }
