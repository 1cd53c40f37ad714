SELECT `a` FROM t -- c
/* unterminated