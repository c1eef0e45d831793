namespace ububiko { int index_stub = 0; }
