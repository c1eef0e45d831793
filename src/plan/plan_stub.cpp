namespace ububiko { int plan_stub = 0; }
