"""The impact tool covers every topic in the reference list, once, and its answers have fields."""

import json
from pathlib import Path

from msp.improvement import impact_tool
from msp.improvement.models import ImpactPlan, ImpactStatement

PRACTICE = json.loads(
    (Path(__file__).resolve().parents[2] / "msp/reference/data/msp-practice.json").read_text()
)


def test_every_part_1_topic_has_one_question():
    assert [q.topic for q in impact_tool.PLAN] == PRACTICE["impact_tool_part1_topics"]


def test_every_part_2_topic_has_one_question():
    assert [q.topic for q in impact_tool.STATEMENT] == PRACTICE["impact_tool_part2_topics"]


def test_questions_are_our_own_words_not_the_topics():
    for question in impact_tool.PLAN + impact_tool.STATEMENT:
        assert question.label.endswith("?"), question.label
        assert question.label.lower() != question.topic.lower()


def test_part_1_topics_without_a_box_are_answered_by_the_project_details():
    for question in impact_tool.PLAN:
        assert question.field or question.project_details, question.topic


def test_every_answer_has_a_field_on_its_model():
    plan_fields = {f.name for f in ImpactPlan._meta.fields}
    statement_fields = {f.name for f in ImpactStatement._meta.fields}
    assert set(impact_tool.PLAN_FIELDS) <= plan_fields
    assert set(impact_tool.STATEMENT_FIELDS) <= statement_fields


def test_the_side_by_side_view_shows_every_topic_once():
    planned = [t for theme in impact_tool.THEMES for t in theme.planned]
    happened = [t for theme in impact_tool.THEMES for t in theme.happened]
    assert sorted(planned) == sorted(PRACTICE["impact_tool_part1_topics"])
    assert sorted(happened) == sorted(PRACTICE["impact_tool_part2_topics"])


def test_the_evidence_sections_are_the_ones_the_figures_fill():
    from msp.improvement.projects.figures import EVIDENCE

    evidence = {q.topic: q.evidence for q in impact_tool.STATEMENT if q.evidence}
    assert evidence == {
        "engagement at the beginning, during and end of the process": "engagement",
        "enabling people to say what they want": "saying",
        "evidence that people achieve better outcomes": "outcomes",
        "what was put in place to record and measure experience": "experience",
    }
    assert set(evidence.values()) == set(EVIDENCE)
