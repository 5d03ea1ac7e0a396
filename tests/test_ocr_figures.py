"""Figures read from images (issue 19, §3 and the loopless font): two readers agree on every
digit, an amount keeps its column's printed form, a summary table's rows are placed by their
dimensions or not at all, a header label read without its marks is still known. On variants
drawn here: every digit in every font the templates know, amounts as the generator prints
them, misread in each way a reader misreads them."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.language.printed_numbers import is_number
from parsers.language.vocabulary_match import SHORTEST_IN_HEADERS, as_printed
from parsers.layout.geometry import Box, Grid
from parsers.layout.page import Word
from parsers.layout.printed_forms import misread_form, several_numbers
from parsers.layout.tables import Cell, Table
from parsers.ocr.cell_rereading import shapes_object
from parsers.ocr.digit_shapes import ARABIC_DIGITS, TEMPLATE_FONTS
from parsers.ocr.engine import TextPiece
from parsers.ocr.figures import (
    amount_as_printed,
    checked_figure,
    digits_by_shape,
    digits_of,
    objects_at_full_weight,
    places_in,
    read_cell,
    separator_places,
)
from parsers.ocr.page_image import PageImage, page_image
from parsers.sections.parse_warnings import WarningLog
from parsers.sections.summary_tables import placed_dimensions, read_disbursement
from sample_reports.generator.thai import amount as amount_text

# --- two readers of three ------------------------------------------------------------------

# The fonts that draw Arabic digits (Noto's Thai families have none), one in three.
LATIN_DIGIT_FONTS = [path for path in TEMPLATE_FONTS if "Thai-" not in path][::3]


def drawn_number(text: str, font_path: str) -> np.ndarray:
    """A number drawn as a 200-dpi scan draws a table cell's (ink 255 on 0)."""
    font = ImageFont.truetype(font_path, 30)
    canvas = Image.new("L", (40 + 24 * len(text), 60), 0)
    ImageDraw.Draw(canvas).text((20, 10), text, font=font, fill=255)
    return (np.array(canvas) > 127).astype(np.uint8) * 255


@dataclass
class FakeEngine:
    """Two readings of a cell, as Tesseract's two models would give them."""

    thai: str
    figures: str
    confidence: float = 96.0

    def read(self, rect):
        return [[TextPiece(self.thai, *rect, self.confidence)]] if self.thai else []

    def read_figure(self, rect):
        return [[TextPiece(self.figures, *rect, self.confidence)]]


def reading(lines) -> tuple[str, bool]:
    text = "".join(p.text for line in lines for p in line)
    return text, any(p.confidence < 70 for line in lines for p in line)


def other_digit(digit: str) -> str:
    return ARABIC_DIGITS[(ARABIC_DIGITS.index(digit) + 3) % 10]


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS)
def test_one_model_alone_never_gives_a_figure(font):
    """The Thai model reads a lone digit as a letter that looks like no digit (Laksaman's 4
    as ฮ), the figures model surely as another digit: the shapes object, the figure is
    doubtful; where the shapes read what the figures model read, it is sure, and where they
    are unsure, doubtful. (ๆ is Purisa's 7: the test below.)"""
    sure = 0
    for digit in ARABIC_DIGITS:
        ink = drawn_number(digit, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        text, doubtful = reading(read_cell(FakeEngine("ฮ", other_digit(digit)), rect, ink))
        assert doubtful, (font, digit, text)
        shapes = digits_by_shape(ink, rect)
        assert shapes in (digit, None), (font, digit, shapes)  # never another digit
        text, doubtful = reading(read_cell(FakeEngine("ฮ", digit), rect, ink))
        assert (text, doubtful) == (digit, shapes is None), (font, digit)
        sure += shapes is not None
    assert sure >= 8, font


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS)
def test_two_models_agreeing_on_a_digit_the_shapes_deny_is_doubtful(font):
    rng = random.Random(font)
    denied = 0
    for _ in range(10):
        number = str(rng.randint(10, 99999))
        misread = number[:-1] + other_digit(number[-1])
        ink = drawn_number(number, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        shapes = digits_by_shape(ink, rect)
        assert shapes in (number, None), (font, number, shapes)
        assert reading(read_cell(FakeEngine(number, number), rect, ink)) == (number, False)
        text, doubtful = reading(read_cell(FakeEngine(misread, misread), rect, ink))
        assert doubtful == (shapes is not None), (font, number, text)  # unsure shapes: no vote
        denied += doubtful
    assert denied >= 6, font


def amounts_with_thousands(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [amount_text(round(rng.uniform(1_000, 5_000_000), 2)) for _ in range(count)]


def commas_read_as_points(printed: str) -> list[str]:
    """A coarse scan's commas without their tails (11.683.42), and one of them, or the decimal
    point, read as the other kind (1.198,832.50, 11,683,42)."""
    points = printed.replace(",", ".")
    found = [points, points.replace(".", ",", 1)]
    if printed.count(",") > 1:
        found.append(printed.replace(",", ".", 1))
    return [read for read in found if read != printed]


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS[:3])
def test_separators_misread_by_one_model_are_the_other_models_where_digits_agree(font):
    """The Thai model reads an amount's separators in their places as the wrong kind; the
    figures model reads the same digits with them as printed: two readers agree on every
    digit and on each separator's place, and the amount's form on its kind."""
    for printed in amounts_with_thousands(23, 8):
        ink = drawn_number(printed, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        for misread in commas_read_as_points(printed):
            assert reading(read_cell(FakeEngine(misread, printed), rect, ink)) == (printed, False)


def points_read_as_commas(printed: str) -> str:
    """The figures model's reading of a light font's decimal point (Purisa's): a comma."""
    return printed.replace(".", ",")


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS[:3])
def test_a_point_the_figures_model_reads_as_a_comma_is_the_thai_models_where_digits_agree(
    font,
):
    """The other way round: the Thai model reads the amount as printed, the figures model its
    decimal point as a comma (0,00, 120,000,00): of the two, only the Thai model's reading is
    an amount's form, and it is taken, sure."""
    for printed in ["0.00", "50.00", "15.06", *amounts_with_thousands(37, 6)]:
        ink = drawn_number(printed, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        figures = points_read_as_commas(printed)
        assert reading(read_cell(FakeEngine(printed, figures), rect, ink)) == (printed, False)


def test_two_readings_of_which_neither_or_both_are_an_amounts_form_give_no_sure_figure():
    assert amount_as_printed("0.00", "0,00") == "0.00"
    assert amount_as_printed("11.683.42", "11,683.42") == "11,683.42"
    assert amount_as_printed("1,000", "1.000") is None  # no amount's form either way
    assert amount_as_printed("0.00", "0.01") is None  # other digits
    assert amount_as_printed("1.000.00", "1,000,00") is None


def drawn_grey(text: str, font_path: str) -> np.ndarray:
    """The grey of a number as a scan holds it: dark ink on white paper."""
    return 255 - drawn_number(text, font_path)


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS[:3])
def test_shapes_read_from_cut_ink_object_only_where_the_whole_strokes_read_so_too(font):
    """A 150-dpi cell's ink cut to the letters' printed weight loses a stroke (Kinnari's 2
    read 7 by its shape): the shapes object to two models that agree only where the grey's
    whole strokes read the other digit too."""
    grey = drawn_grey("2", font)
    rect = (0, 0, grey.shape[1], grey.shape[0])
    assert not objects_at_full_weight("7", "2", grey, rect, weight_cut=True)
    assert objects_at_full_weight("7", "2", grey, rect, weight_cut=False)
    assert objects_at_full_weight("7", "2", drawn_grey("7", font), rect, weight_cut=True)


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS[:3])
def test_a_figure_read_again_alike_is_not_taken_where_the_shapes_read_other_digits(font):
    """Tesseract's readings of a cell, from the ink and the grey at two scales, share its
    models' confusions (Laksaman's 75.00 read 15.00 by all four): the digits' shapes, another
    reader, still object."""
    ink = drawn_number("75.00", font)
    page = SimpleNamespace(grey=255 - ink, blurred=False)
    rect = (0, 0, ink.shape[1], ink.shape[0])
    assert digits_by_shape(ink, rect) == "7500"
    assert shapes_object("15.00", ink, page, rect)
    assert not shapes_object("75.00", ink, page, rect)


@pytest.mark.parametrize("stroke", ["]", "|", "l"])
@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS[:3])
def test_a_lone_one_the_thai_model_reads_as_a_stroke_is_taken_where_the_shapes_read_it(
    font, stroke
):
    ink = drawn_number("1", font)
    rect = (0, 0, ink.shape[1], ink.shape[0])
    unsure = 50.0  # the figures model is not sure of it alone
    taken = reading(read_cell(FakeEngine(stroke, "1", unsure), rect, ink))
    assert taken == (("1", False) if digits_by_shape(ink, rect) == "1" else (stroke, True))
    # A stroke over a 4: the figures model's 1 is not what the shapes read.
    four = drawn_number("4", font)
    text, _ = reading(read_cell(FakeEngine(stroke, "1", unsure), rect, four))
    assert text != "1"


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS[:3])
def test_separators_read_otherwise_by_both_models_give_no_figure(font):
    """Where the figures model too reads a digit or a separator otherwise, or out of an
    amount's form, no reading is taken: the figure stays doubtful or no number."""
    for printed in amounts_with_thousands(29, 8):
        ink = drawn_number(printed, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        points = printed.replace(",", ".")
        other = printed[:-1] + other_digit(printed[-1])
        for figures in (other, printed.replace(",", ""), points, printed[:-1]):
            text, doubtful = reading(read_cell(FakeEngine(points, figures), rect, ink))
            assert text != printed or doubtful, (font, printed, figures)


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS[:3])
def test_an_amount_two_readers_of_three_agree_on_is_sure(font):
    """The two models read an amount in the same form and disagree on one digit: the digits'
    shapes side with one of them, which is then sure, or with neither: doubtful."""
    sided = 0
    for printed in amounts_with_thousands(31, 8):
        ink = drawn_number(printed, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        shapes, digits = digits_by_shape(ink, rect), printed.replace(",", "").replace(".", "")
        misread = printed[:-1] + other_digit(printed[-1])
        for thai, figures in ((printed, misread), (misread, printed)):
            text, doubtful = reading(read_cell(FakeEngine(thai, figures), rect, ink))
            assert (text, doubtful) == (printed, False) if shapes == digits else doubtful
        sided += shapes == digits
    assert sided >= 4, font


# Every font of the templates that draws Arabic digits, and its comma: Purisa's is 0.56 of a
# digit high, above the share that makes a glyph digit-sized.
EVERY_LATIN_DIGIT_FONT = [path for path in TEMPLATE_FONTS if "Thai-" not in path]


@pytest.mark.parametrize("font", EVERY_LATIN_DIGIT_FONT)
def test_a_comma_is_no_digit_to_the_shapes_and_the_ink_places_each_separator(font):
    """The digits' shapes read an amount's digits only (Purisa's comma was read as a 7, and
    every amount's shapes then had a digit too many), and where they read them, the ink finds
    each separator between the digits where the amount prints it. (A light serif font's thin
    strokes break at this size, Norasi's and Kinnari's: a piece of a digit standing on the
    line is a separator more, and the places then disagree.)"""
    read = 0
    for printed in ["92.08", *amounts_with_thousands(41, 5)]:
        ink = drawn_number(printed, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        digits = printed.replace(",", "").replace(".", "")
        shapes = digits_by_shape(ink, rect)
        assert shapes is None or len(shapes) == len(digits) or "Norasi" in font, printed
        read += shapes == digits and separator_places(ink, rect) == places_in(printed)
    assert read >= (1 if "Norasi" in font or "Kinnari.ttf" in font else 6), font


def figures_model_misreadings(printed: str) -> list[str]:
    """What the figures model makes of a light font's amount (Purisa's at 200 dpi): its point
    as a comma and a digit more (15,840,817), a 9 as a 4 (42,08), a 7 as a 1, its
    separators lost."""
    commas = printed.replace(".", ",")
    return [commas + "7", commas.replace("9", "4"), printed.replace("7", "1"), printed[:-3]]


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS)
def test_an_amount_as_printed_whose_digits_the_shapes_read_and_separators_the_ink_is_sure(
    font,
):
    """The Thai model reads an amount as printed, the figures model otherwise: where the
    digits' shapes read the Thai model's digits and the ink its separators' places, two
    readers of three agree on every digit and every separator, and it is taken, sure.
    Never another figure."""
    taken = 0
    for printed in ["92.08", "75.60", *amounts_with_thousands(43, 6)]:
        ink = drawn_number(printed, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        confirmed = digits_by_shape(ink, rect) == digits_of(printed)
        confirmed = confirmed and separator_places(ink, rect) == places_in(printed)
        for figures in figures_model_misreadings(printed):
            if digits_of(figures) == digits_of(printed):
                continue  # the same digits: the two models' separators decide (above)
            text, doubtful = reading(read_cell(FakeEngine(printed, figures, 40.0), rect, ink))
            assert (text, doubtful) == (printed, False) or not confirmed, figures
            assert text == printed or doubtful, figures
            taken += confirmed
    assert taken, font


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS)
def test_a_count_the_figures_model_reads_with_a_speck_after_it_is_the_thai_models(font):
    """The figures model reads a speck after a count as a point (12.), which is no figure:
    the Thai model's count, its digits read by their shapes and no separator between them in
    the ink, is sure; one whose shapes read otherwise is not taken."""
    for count in ("12", "30", "7", "148"):
        ink = drawn_number(count, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        confirmed = digits_by_shape(ink, rect) == count and separator_places(ink, rect) == ()
        text, doubtful = reading(read_cell(FakeEngine(count, count + ".", 40.0), rect, ink))
        assert (text, doubtful) == (count, False) or not confirmed, (font, count)
        assert text == count or doubtful
        other = count[:-1] + other_digit(count[-1])
        text, doubtful = reading(read_cell(FakeEngine(other, other + ".", 40.0), rect, ink))
        assert doubtful or digits_by_shape(ink, rect) == other, (font, count)


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS)
def test_a_figure_the_figures_model_reads_unsurely_is_sure_where_the_shapes_and_ink_place_it(
    font,
):
    """The Thai model reads Laksaman's lone 4 as letters, unsurely (ฮู, ภุ), the figures model
    4 unsurely: the shapes reading 4 and no separator in the ink, it is 4, sure. The Thai
    model reads a point more in an amount (297,.818.85), the figures model it as printed,
    unsurely: the shapes and the ink place it. Over another digit, neither is taken."""
    for digit in "4172":
        ink = drawn_number(digit, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        text, doubtful = reading(read_cell(FakeEngine("ฮู", digit, 50.0), rect, ink))
        assert (text, doubtful) == (digit, False) or digits_by_shape(ink, rect) != digit
        other = other_digit(digit)
        text, doubtful = reading(read_cell(FakeEngine("ฮู", other, 50.0), rect, ink))
        assert text != other or doubtful, (font, digit)
    for printed in amounts_with_thousands(59, 4):
        ink = drawn_number(printed, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        confirmed = digits_by_shape(ink, rect) == digits_of(printed)
        confirmed = confirmed and separator_places(ink, rect) == places_in(printed)
        thai = printed.replace(",", ",.", 1)
        text, doubtful = reading(read_cell(FakeEngine(thai, printed, 50.0), rect, ink))
        assert (text, doubtful) == (printed, False) or not confirmed, (font, printed)
        misread = printed[:-1] + other_digit(printed[-1])
        text, doubtful = reading(read_cell(FakeEngine(thai, misread, 50.0), rect, ink))
        assert text != misread or doubtful, (font, printed)


PURISA = "/usr/share/fonts/truetype/tlwg/Purisa.ttf"


@pytest.mark.parametrize("font", [PURISA, PURISA.replace(".ttf", "-Bold.ttf")])
def test_purisas_seven_the_thai_model_reads_as_mai_yamok_is_seven_where_its_shape_is(font):
    """The Thai model reads Purisa's 7 as ๆ surely, the figures model as 1 (case 706 of the
    N = 1,000 draw, 200 dpi grey): its shape reading 7, two readers of three agree, and 7 is
    taken, in a count and a row's number alike. Over a 1, the shapes deny it."""
    for count, thai in (("7", "ๆ"), ("17", "1ๆ"), ("27", "2ๆ")):
        ink = drawn_number(count, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        assert digits_by_shape(ink, rect) == count
        text, doubtful = reading(
            read_cell(FakeEngine(thai, count.replace("7", "1"), 92.0), rect, ink)
        )
        assert (text, doubtful) == (count, False), (font, count)
        one = drawn_number(count.replace("7", "1"), font)
        text, _ = reading(read_cell(FakeEngine(thai, count.replace("7", "1"), 92.0), rect, one))
        assert text != count, (font, count)


@pytest.mark.parametrize("font", [PURISA, *LATIN_DIGIT_FONTS])
def test_two_unsure_readings_of_a_number_whose_ink_holds_more_digits_are_doubtful(font):
    """Both models read Purisa's row number 11 as 1, unsurely (48 and 19; case 58 of the
    N = 1,000 draw scanned at 200 dpi grey): the shapes read 11, so the two readings are not
    taken."""
    for number in ("11", "17", "21"):
        ink = drawn_number(number, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        if digits_by_shape(ink, rect) != number:
            continue
        lost = number[:-1]
        _, doubtful = reading(read_cell(FakeEngine(lost, lost, 40.0), rect, ink))
        assert doubtful, (font, number)


def word_on_paper(text: str, font_path: str) -> tuple[PageImage, Word]:
    """A page of running text holding `text` at 200 dpi (dark on white), and its word as
    Tesseract boxes it (points), read doubtfully."""
    font = ImageFont.truetype(font_path, 44)  # a narrative's 16 points at 200 dpi
    canvas = Image.new("L", (80 + 30 * len(text), 200), 255)
    ImageDraw.Draw(canvas).text((40, 60), text, font=font, fill=0)
    grey = np.array(canvas)
    image = page_image(grey, 200)
    rows, columns = np.nonzero(grey < 128)
    box = [image.to_points(v) for v in (columns.min(), rows.min(), columns.max(), rows.max())]
    return image, Word(*box, text=text, confidence=40.0, doubtful=True)


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS)
def test_a_figure_of_running_text_the_shapes_and_the_ink_place_is_sure(font):
    """The narrative's amount read as printed by the Thai model and otherwise by the figures
    model (Purisa's 487,796.94 read 487,196,494): sure where the digits' shapes read its digits
    and the ink its separators' places; a reading a digit off is never."""
    taken = 0
    for printed in ["72.27", *amounts_with_thousands(53, 4)]:
        image, word = word_on_paper(printed, font)
        engine = FakeEngine(printed, printed.replace(".", ",") + "4")
        checked = checked_figure(word, engine, image, image.ink)
        taken += not checked.doubtful
        misread = replace(word, text=printed[:-1] + other_digit(printed[-1]))
        assert checked_figure(misread, engine, image, image.ink).doubtful, (font, printed)
    assert taken >= (0 if "Norasi" in font or "Kinnari.ttf" in font else 4), font


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS)
def test_a_number_read_without_the_hyphens_its_ink_holds_stays_doubtful(font):
    """A memo's phone whose hyphens Tesseract lost (case 965 of the N = 1,000 draw, 150 dpi
    black and white: 0-7544-1013 read 075441013): the ink holds a separator between its
    digits where the reading has none, a hyphen as well as a point, and the figures model
    reads it otherwise: doubtful, in a cell and in running text."""
    for printed in ("0-7544-1013", "0-4272-1226"):
        joined = printed.replace("-", "")
        ink = drawn_number(printed, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        assert separator_places(ink, rect) != places_in(joined), (font, printed)
        _, doubtful = reading(read_cell(FakeEngine(joined, printed, 40.0), rect, ink))
        assert doubtful, (font, printed)
        image, word = word_on_paper(printed, font)
        word = replace(word, text=joined)
        assert checked_figure(word, FakeEngine(joined, printed), image, image.ink).doubtful


@pytest.mark.parametrize("font", LATIN_DIGIT_FONTS[:3])
def test_a_separator_the_ink_lacks_or_a_digit_the_shapes_deny_leaves_the_amount_doubtful(font):
    """The Thai model reads a comma the ink does not hold (the amount printed without it), or
    a digit the shapes read otherwise: the figures model disagreeing, no reading is taken."""
    for printed in amounts_with_thousands(47, 6):
        bare = printed.replace(",", "")
        ink = drawn_number(bare, font)
        rect = (0, 0, ink.shape[1], ink.shape[0])
        _, doubtful = reading(read_cell(FakeEngine(printed, bare[:-1], 40.0), rect, ink))
        assert doubtful, (font, printed)
        ink = drawn_number(printed, font)
        misread = printed[:-1] + other_digit(printed[-1])
        _, doubtful = reading(read_cell(FakeEngine(misread, printed[:-3], 40.0), rect, ink))
        assert doubtful, (font, printed)


# --- the printed form of an amount ---------------------------------------------------------


def image_cell(text: str) -> Cell:
    word = Word(0, 0, 10, 10, text=text, confidence=96.0)
    return Cell(0, 0, Box(0, 0, 10, 10), lines=[[word]])


def misreadings(printed: str) -> list[str]:
    """What a reader makes of an amount: a comma lost, a point read as a comma, a decimal
    lost, the satang lost (34,000.00 read as 34.0)."""
    whole, satang = printed.split(".")
    found = [f"{whole},{satang}", f"{whole}.{satang[0]}", whole]
    if "," in whole:
        found += [printed.replace(",", "", 1), printed.split(",")[0] + f".{satang[0]}"]
    return found


def test_amounts_out_of_their_printed_form_are_doubtful():
    rng = random.Random(19)
    amounts = [0.0, 500.0, 34000.0, 1456400.0] + [
        round(rng.uniform(0, 5_000_000), rng.choice((0, 2))) for _ in range(200)
    ]
    for amount in amounts:
        printed = amount_text(amount)
        assert not misread_form(image_cell(printed), "amount", separators=True), printed
        for misread in misreadings(printed):
            cell = image_cell(misread)  # doubtful, or no number at all
            assert misread_form(cell, "amount", separators=True) or not is_number(misread)


def test_the_form_a_table_does_not_print_is_not_asked_for():
    assert not misread_form(image_cell("34000.00"), "amount", separators=False)
    assert misread_form(image_cell("34000.0"), "amount", separators=False)
    assert misread_form(image_cell("5.0"), "count", separators=True)
    assert not misread_form(image_cell("12"), "count", separators=True)
    assert misread_form(image_cell("33.9"), "percent", separators=True)
    assert not misread_form(image_cell("-"), "amount", separators=True)
    text_layer = Cell(0, 0, Box(0, 0, 10, 10), lines=[[Word(0, 0, 10, 10, text="34.0")]])
    assert not misread_form(text_layer, "amount", separators=True)  # judged by its own rules


def test_numbers_on_two_lines_of_a_cell_read_from_an_image_are_two():
    """Case 320 scanned at 300 dpi grey (Waree, a table printed without rules): the status
    table's 18 and the year of the note printed under it, 2566, fell in one cell and read
    182566. A number read in pieces on its line (233 971.41) is still one."""
    count, year = Word(0, 0, 10, 10, text="18", confidence=96.0), Word(0, 14, 20, 24, text="2566")
    stacked = Cell(0, 0, Box(0, 0, 20, 24), lines=[[count], [replace(year, confidence=95.0)]])
    assert several_numbers(stacked)
    pieces = [Word(0, 0, 10, 10, text="233", confidence=96.0), Word(12, 0, 30, 10, text="971.41")]
    assert not several_numbers(Cell(0, 0, Box(0, 0, 30, 10), lines=[pieces]))


# --- a table's rows placed by their dimensions ---------------------------------------------


@pytest.mark.parametrize(
    ("labels", "placed"),
    [
        ([1, 2, 3, 4], [1, 2, 3, 4]),
        ([1, None, 3, None], [1, 2, 3, 4]),  # labels misread: their places give them
        ([1, 1, 3, 4], [1, None, 3, 4]),  # a dimension read twice: that row is not placed
        ([1, 3, 4], [1, None, None]),  # past the rows there are: a misread digit
        # below its place, where each row above is a dimension: a misread digit (Norasi's 2
        # read 1 at 150 dpi, the first row's label lost)
        ([None, 1, 3, 4], [None, None, 3, 4]),
        ([1, 2, 3, 5], [1, 2, 3, None]),
        ([1, 2, 3, 8], [1, 2, 3, None]),
        ([1, 4, 3, 2], [1, None, 3, None]),
        ([None, 2, 2], [None, 2, None]),
        ([None, None], [1, 2]),
    ],
)
def test_rows_are_placed_by_their_dimensions_or_not_at_all(labels, placed):
    assert placed_dimensions(labels) == placed


def test_rows_of_a_table_whose_columns_were_not_all_found_are_placed_by_label_only():
    assert placed_dimensions([None, 2, None], all_found=False) == [None, 2, None]
    # the first pair not found: the labels say which dimensions these are
    assert placed_dimensions([2, 3, 4], all_found=False) == [2, 3, 4]
    assert placed_dimensions([1, 3, None, None], all_found=False) == [1, 3, None, None]
    assert placed_dimensions([None, 1, 3], all_found=False) == [None, None, 3]


def test_the_last_row_unlabelled_without_a_total_may_be_the_total():
    assert placed_dimensions([1, 2, 3, 4, None], total_found=False) == [1, 2, 3, 4, None]
    assert placed_dimensions([1, None, 3, None], total_found=False) == [1, 2, 3, None]


def image_table(rows: list[list[str]]) -> Table:
    """A ruled table read from an image: each cell's text as Tesseract gives it, surely."""
    width, height = 80.0, 20.0
    xs = [width * k for k in range(len(rows[0]) + 1)]
    ys = [height * k for k in range(len(rows) + 1)]
    grid = Grid(Box(xs[0], ys[0], xs[-1], ys[-1]), ys, xs, [])
    cells = [
        [
            Cell(
                column,
                column,
                box,
                [[Word(box.x0 + 2, box.top + 4, box.x1 - 2, box.bottom - 4, text, 96.0)]]
                if text
                else [],
            )
            for column, text in enumerate(row)
            for box in [grid.cell_box(index, column, column)]
        ]
        for index, row in enumerate(rows)
    ]
    return Table(1, grid, cells)


DISBURSEMENT_HEADER = ["มิติ", "ตามแผนป้องกันฯ", "ข้อบัญญัติ/เทศบัญญัติ", "การเบิกจ่าย"]


@pytest.mark.parametrize("first_label", ["", "มติที่ |"])
def test_a_row_whose_label_reads_below_its_place_is_not_that_dimension(first_label):
    """150 dpi, Norasi: the first row's label unread (nothing, or a stroke), the second's 2
    read 1. The rows above a row are each a dimension's, so the second row's is not the
    first: neither is placed, and the rows whose labels fit their places are."""
    table = image_table(
        [
            DISBURSEMENT_HEADER,
            [first_label, "560,000.00", "560,000.00", "421,918.20"],
            ["มิติที่ 1", "210,000.00", "189,000.00", "174,849.38"],
            ["มิติที่ 3", "35,000.00", "35,000.00", "3,999.37"],
            ["มิติที่ 4", "20,000.00", "18,000.00", "17,203.74"],
            ["รวม 4 มิติ", "825,000.00", "802,000.00", "617,970.69"],
        ]
    )
    warnings = WarningLog()
    rows, total = read_disbursement(table, warnings)
    assert [(row["dimension"], row["disbursed"]) for row in rows] == [(3, 3999.37), (4, 17203.74)]
    assert total is not None and total["disbursed"] == 617970.69
    unplaced = [e["message"] for e in warnings.to_list() if "not read" in e["message"]]
    assert len(unplaced) == 1 and "row 1" in unplaced[0] and "row 2 (labelled 1)" in unplaced[0]


# --- the loopless font's header labels -------------------------------------------------------


@pytest.mark.parametrize(
    ("read", "label"),
    [("มต", "มิติ"), ("มิติ", "มิติ"), ("มติ", "มติ"), ("จบประมาณ", "งบประมาณ"), ("รวม", "รวม")],
)
def test_a_header_label_read_without_its_marks_is_that_label(read, label):
    assert as_printed(read, SHORTEST_IN_HEADERS) == label


def test_a_short_text_outside_a_header_is_left_as_read():
    assert as_printed("มต") == "มต"


def test_an_amount_read_in_a_percentage_column_is_not_its_figure():
    """150-dpi black and white, a summary table whose amount columns were not found: the
    amounts were read as the percentages beside them (280,000.00 as 41.99 %)."""
    rng = random.Random(23)
    for amount in [1000.0, 280000.0] + [round(rng.uniform(1000, 5_000_000), 2) for _ in range(50)]:
        assert misread_form(image_cell(amount_text(amount)), "percent", separators=True)
    for percent in ("0.00", "41.99", "100.00", "121.05"):
        assert not misread_form(image_cell(percent), "percent", separators=True)
