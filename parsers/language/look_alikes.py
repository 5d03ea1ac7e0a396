"""Letters and marks a reader of page images takes one for the other: declared once, for the
doubt passes (parsers.sections.doubt) and the names read from images (person_names)."""

from __future__ import annotations

# Letters and marks that a reader of page images takes one for the other (their shapes differ
# by a stroke, a mark or a mark's ring), and a tone mark read for SARA AM's ring (ท่า for ทำ).
# SARA E for SARA AI MAIMALAI (ไม่เด้รับ for ไม่ได้รับ: ไ is เ with a tail), SO SO for KHO KHAI
# (ทับข้อน for ทับซ้อน), SARA AI MAIMUAN for MAIMALAI; a loopless font's TO TAO for DO DEK
# (ต่อด้าน), MAI HAN-AKAT for SARA I (ปลิด for ปลัด), SO SUA for LO LING (ความเลี่ยง), CHO
# CHING for LO LING (แฉะ for และ), HO HIP for THO THAHAN (หับซ้อน); in black-and-white and
# 150-dpi scans O ANG for CHO CHAN (อัดทำ, จำนาจ for อำนาจ), THO THAHAN for PHO SAMPHAO
# (ทูมิ), BO BAIMAI for MO MA (เทศบนตรี) and for NO NU (โรงเรียบ). Not YO YAK for MO MA: ตาม
# read ตาย makes เงินตาย, a word, of เงินตาม in many a right name. A hand-like font's
# vowels at 200 dpi (Purisa): SARA U for SARA UU (ทูจริต), SARA II for SARA UE (ฝีกอบรม),
# MAITAIKHU for SARA I (เป็ดเผย). Measured on the 495 project names of the generator, the
# samples and the reference: none more doubted as printed for these three, and every one
# with one of their vowels taken for the other doubted.
CONFUSED_PAIRS = (
    "าำ",
    "่้",
    "ิี",
    "ึื",
    "ผฝ",
    "บป",
    "พฟ",
    "ชซ",
    "ขช",
    "กภ",
    "ถภ",
    "กค",
    "ดค",
    "เไ",
    "ขซ",
    "ใไ",
    "ตด",
    "ัิ",
    "สล",
    "ฉล",
    "หท",
    "จอ",
    "ทภ",
    "บม",
    "นบ",
    "ุู",
    "ีึ",
    "ิ็",
)
CONFUSED = {  # each letter or mark, and those it is taken for
    char: "".join(pair.replace(char, "") for pair in CONFUSED_PAIRS if char in pair)
    for char in set("".join(CONFUSED_PAIRS))
}
