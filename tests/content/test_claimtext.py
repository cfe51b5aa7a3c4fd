"""validate reports a verdict of the scale inside claim_short, at its line (issue 19, item 7): ClaimReview's
claimReviewed states the claim, never its rating."""

from __future__ import annotations

import pytest

from generator.content.claimtext import verdict_word
from tests.conftest import CLAIM_YAML

CLAIM = "content/claims/biden-telepon.yaml"
LABELS = ["Benar", "Sebagian benar", "Salah", "Tidak terbukti"]


@pytest.mark.parametrize(
    "short, word",
    [
        ("Biden menelepon Putin, salah satu panggilan", "Salah"),
        ("Klaim SEBAGIAN BENAR soal sanksi Biden", "Sebagian benar"),  # the longest label is named
        ("Sanksi Biden tidak   terbukti", None),  # labels match as written, with single spaces
        ("Klaim tidak terbukti soal sanksi", "Tidak terbukti"),
        ("Biden menyalahkan Putin atas sanksi", None),  # inside a word: not the verdict
        ("Kebenaran sanksi Biden terhadap Rusia", None),
    ],
)
def test_verdict_word(short, word):
    assert verdict_word(short, LABELS) == word


def test_validate_reports_a_verdict_in_claim_short_at_its_line(make_project, run_cli):
    text = CLAIM_YAML.replace(
        "claim_short: Biden menelepon Putin setelah menandatangani sanksi", "claim_short: Salah, Biden menelepon Putin"
    )
    result = run_cli("validate", project=make_project({CLAIM: text}))
    assert result.exit_code == 1
    assert (
        f"{CLAIM}:3:14: error: claim_short contains the verdict 'Salah' of the scale; search engines read it as the "
        "claim (ClaimReview claimReviewed), which must not state the rating [claim-short-verdict]"
    ) in result.stderr
    assert "fix: say what was claimed, without the words of the rating scale" in result.stderr


def test_a_claim_short_without_verdict_words_is_valid(make_project, run_cli):
    assert run_cli("validate", project=make_project()).exit_code == 0
