namespace ububiko { int extract_stub = 0; }
