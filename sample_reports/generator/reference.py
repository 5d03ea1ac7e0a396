"""The reference report (docs/reference/000_5d457749055c7592.txt), transcribed as a `Report`.

One correction, as the contract says: the memo is addressed to the นายก (the reference text
drops a letter). Everything else is as printed, inconsistencies included.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sample_reports.generator.model import (
    STATUSES,
    BudgetRow,
    BudgetTable,
    BudgetTotal,
    DateStyle,
    DimensionRow,
    DimensionsTable,
    DimensionTotal,
    DisbursementRow,
    DisbursementTable,
    DisbursementTotal,
    Memo,
    Narrative,
    Person,
    ProjectRow,
    Report,
    Signature,
    StatusSummary,
)

PROJECTS_FILE = Path(__file__).with_name("reference_projects.tsv")
ORGANIZATION = "องค์การบริหารส่วนจังหวัดกาฬสินธุ์"
ROWS_PER_PAGE = (17, 16, 18, 5)  # as the original's project list breaks


def parse_amount(text: str) -> float:
    return float(text.replace(",", ""))


def reference_projects() -> list[ProjectRow]:
    rows = []
    for line in PROJECTS_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        seq, name, dimension, budget, disbursed, status = line.split("\t")
        rows.append(
            ProjectRow(
                seq=int(seq),
                name=name,
                dimension=int(dimension),
                budget=parse_amount(budget),
                disbursed=parse_amount(disbursed),
                marks=(STATUSES.index(status),),
            )
        )
    return rows


def reference_memo() -> Memo:
    return Memo(
        agency=f"กองยุทธศาสตร์และงบประมาณ {ORGANIZATION}",
        phone="0-4381-1247",
        reference="กส 51007/",
        date=dt.date(2023, 3, 20),
        date_style=DateStyle.THAI_FULL,
        subject="รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ 2566 รอบ 6 เดือน",
        addressee=f"นายก{ORGANIZATION}",
        body=(
            f"ตามที่{ORGANIZATION}ได้ประกาศใช้แผนปฏิบัติการป้องกันการทุจริต"
            " เพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. 2566-2570)"
            f" {ORGANIZATION} เมื่อวันที่ 30 กันยายน 2565"
            " และแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2566"
            " เมื่อวันที่ 3 ตุลาคม 2565 นั้น",
            "กองยุทธศาสตร์และงบประมาณได้กำกับติดตามและบันทึกผลการดำเนินงานโครงการ"
            "ตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2566 รอบ 6 เดือน"
            " (ตุลาคม 2565 - มีนาคม 2566)"
            " ในระบบรายงานและติดตามประเมินผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต"
            "ขององค์กรปกครองส่วนท้องถิ่น (e-PlanNACC) เรียบร้อยแล้ว"
            " รายละเอียดตามเอกสารที่แนบมาพร้อมนี้",
        ),
        closing="จึงเรียนมาเพื่อโปรดทราบ",
        signatures=(
            Signature(Person("นายไชติ ชารณวงษ์", ("ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ",))),
            Signature(Person("นายสุปัทม์ ทองรัตน์", (f"รองปลัด{ORGANIZATION}",)), "ส.ป.บ."),
            Signature(Person("นางเพ็ญศรี แสงดารา", (f"ปลัด{ORGANIZATION}",)), "เพื่อโปรดทราบ"),
            Signature(
                Person(
                    "นางสาววิสาขา ภารประดิษฐ์",
                    ("รองนายกองค์การบริหารส่วนจังหวัด รักษาราชการแทน", f"นายก{ORGANIZATION}"),
                ),
                "ทราบ",
            ),
        ),
        handwritten_date="๑๑.๓.๖๖",
    )


def dimension_tables() -> tuple[DimensionsTable, BudgetTable, BudgetTable, DisbursementTable]:
    planned = (15, 29, 5, 7)
    done = (3, 7, 3, 6)
    budgets = (995000.0, 380000.0, 81400.0, 0.0)
    pct_projects = (20.0, 24.14, 60.0, 85.71)
    dimensions = DimensionsTable(
        rows=[
            DimensionRow(d + 1, planned[d], done[d], budgets[d], 0.0, 0.0, pct_projects[d], 0.0)
            for d in range(4)
        ],
        total=DimensionTotal(56, 19, 1456400.0, 0.0, 0.0, 33.93, 0.0),
    )
    plan = BudgetTable(
        rows=[BudgetRow(d + 1, planned[d], budgets[d]) for d in range(4)],
        total=BudgetTotal(56, 1456400.0),
    )
    ordinance = BudgetTable(
        rows=[BudgetRow(d + 1, planned[d], 0.0) for d in range(4)],
        total=BudgetTotal(56, 0.0),
    )
    disbursement = DisbursementTable(
        rows=[DisbursementRow(d + 1, budgets[d], 0.0, 0.0) for d in range(4)],
        total=DisbursementTotal(1456400.0, 0.0, 0.0),
        misspelt_header=True,
    )
    return dimensions, plan, ordinance, disbursement


def reference_report() -> Report:
    dimensions, plan, ordinance, disbursement = dimension_tables()
    return Report(
        organization=ORGANIZATION,
        fiscal_year=2566,
        round_months=6,
        data_as_of=dt.date(2023, 3, 20),
        district="เมืองกาฬสินธุ์",
        province="กาฬสินธุ์",
        office_lines=(
            "ฝ่ายวิเคราะห์นโยบายและแผน",
            "กองยุทธศาสตร์และงบประมาณ",
            "โทร./โทรสาร ๐-๔๓๘๑-๑๒๔๗",
            "ไปรษณีย์อิเล็กทรอนิกส์: planksn@hotmail.com",
        ),
        reporter=Person("นางสาวอินธิดา จำนงนิทย์", ("นักวิเคราะห์นโยบายและแผน ปฏิบัติการ",)),
        memo=reference_memo(),
        dimensions=dimensions,
        plan_budget=plan,
        ordinance_budget=ordinance,
        disbursement=disbursement,
        status_summary=StatusSummary(35, 56, 0, 0, 19, 9, 54.29, "มาก"),
        projects=reference_projects(),
        narrative=Narrative(56, 28, 0, 19, 0, 34000.0, 2.33, "มาก", 54.29),
        problems=["เห็นควรเร่งรัดการดำเนินงานให้เป็นไปตามแผนดำเนินงาน"],
    )
