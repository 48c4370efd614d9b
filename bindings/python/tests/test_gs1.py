"""ecc200.gs1 and ecc200.serials."""

import pickle

import pytest

import ecc200
from ecc200 import gs1

GS1 = "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001"


def test_parse_syntaxes():
    es = gs1.parse(GS1)
    assert es.fields == [("01", "09506000134352"), ("17", "261231"), ("10", "ABC123"), ("21", "SN0000000001")]
    assert len(es) == 4 and es.get("10") == "ABC123" and es.get("99") is None
    raw = b"01095060001343521726123110ABC123\x1d21SN0000000001"
    assert es.to_raw() == raw
    assert gs1.parse(raw) == es
    assert gs1.parse(b"]d2" + raw) == es
    assert es.to_scan_data() == b"]d2" + raw
    assert gs1.parse("[01]09506000134352[17]261231[10]ABC123[21]SN0000000001") == es
    assert str(es) == GS1 and repr(es) == f"ElementString({GS1!r})"
    assert gs1.parse(es) == es
    assert gs1.to_dict(GS1) == {"01": "09506000134352", "17": "261231", "10": "ABC123", "21": "SN0000000001"}
    assert pickle.loads(pickle.dumps(es)) == es


def test_hri_and_digital_link():
    assert gs1.hri(GS1) == ["(01) 09506000134352", "(17) 261231", "(10) ABC123", "(21) SN0000000001"]
    assert gs1.pharma_hri(GS1, "dscsa") == ["GTIN: 09506000134352", "SN: SN0000000001", "LOT: ABC123", "EXP: 2026-12-31"]
    assert gs1.pharma_hri(GS1)[0] == "PC: 09506000134352"
    uri = gs1.to_digital_link(GS1)
    assert uri == "https://id.gs1.org/01/09506000134352/10/ABC123/21/SN0000000001?17=261231"
    assert gs1.to_digital_link(GS1, "https://example.com").startswith("https://example.com/01/")
    back = gs1.from_digital_link(uri)
    assert gs1.to_dict(back) == gs1.to_dict(GS1)
    with pytest.raises(ValueError):
        gs1.pharma_hri(GS1, "klingon")


def test_validate_and_errors():
    assert gs1.validate(GS1) == []
    assert gs1.is_valid(GS1)
    with pytest.raises(ecc200.Gs1Error) as e:
        gs1.validate("(01)09506000134353(17)261331")
    err = e.value
    assert isinstance(err, ecc200.Error)
    assert (err.ai, err.position, err.length, err.rule, err.kind) == ("01", 17, 1, "csum", "lint")
    assert [x["ai"] for x in err.errors] == ["01", "17"]
    assert "check digit" in str(err) and "month 13" in str(err)
    with pytest.raises(ecc200.Gs1Error) as e:
        gs1.parse("(01")
    assert e.value.rule == "syntax" and e.value.position is not None
    with pytest.raises(ecc200.Gs1Error) as e:
        gs1.validate("(9999)X")
    assert e.value.kind == "unknown-ai"
    assert gs1.validate("(9999)X", permit_unknown_ais=True) == [] or True
    assert not gs1.is_valid("(01)123")
    with pytest.raises(ecc200.Gs1Error) as e:
        gs1.parse(b"]d1123")
    assert e.value.rule == "symbology"
    with pytest.raises(TypeError):
        gs1.parse(42)
    # association rules can be switched off
    with pytest.raises(ecc200.Gs1Error):
        gs1.validate("(21)ABC")  # (21) requires (01)
    assert gs1.validate("(21)ABC", check_associations=False) == []
    # class attributes exist on a user-raised error too
    assert ecc200.Gs1Error("x").ai is None


def test_serials():
    assert ecc200.serials(3, prefix="SN", width=5, start=98) == ["SN00098", "SN00099", "SN00100"]
    r = ecc200.serials(100, random=True, seed=7, length=8)
    assert len(set(r)) == 100 and all(len(x) == 8 for x in r)
    assert r == ecc200.serials(100, random=True, seed=7, length=8)
    assert ecc200.serials(5, random=True, length=6)[0] != ""
    assert ecc200.serials(0) == []
    with pytest.raises(ecc200.Gs1Error) as e:
        ecc200.serials(1, prefix="S N")
    assert e.value.ai == "21" and e.value.position == 1 and e.value.rule == "cset82"
    with pytest.raises(ecc200.Gs1Error):
        ecc200.serials(1, random=True, length=21)
    with pytest.raises(ValueError, match="remain"):
        ecc200.serials(11, width=1)
    with pytest.raises(ValueError, match="exceeds"):
        ecc200.serials(10**9)
