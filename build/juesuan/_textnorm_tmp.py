# TEMPORARY until textnorm.py lands
import re, unicodedata
_CONT = re.compile(r"[（(]?续表?[0-9一二三四五六七八九十]*[）)]?|[（(]续[）)]")
_NUM = re.compile(r"^(?:附表[\d一二三四五六七八九十]*[:：、.]?|附件\d*[:：、.]?|表[\d一二三四五六七八九十]+[:：、.]?|[（(]?[一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、.．]|[（(]\d+[）)]|\d+(?:[、．]|\.(?!\d)))")
def undouble(line):
    for k in (3, 2):
        if len(line) >= 2 * k and len(line) % k == 0 and all(line[i] == line[i + j] for i in range(0, len(line), k) for j in range(1, k)):
            return line[::k]
    return line
def is_continued(s): return bool(_CONT.search(re.sub(r"\s+","",s or "")))
def key(s):
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub(r"\s+", "", s)
    s = undouble(s)
    s = _CONT.sub("", s)
    s = re.sub(r"[“”\"'‘’「」『』《》]", "", s)
    s = s.replace("(", "（").replace(")", "）")
    prev=None
    while prev != s:
        prev, s = s, _NUM.sub("", s)
    return s
