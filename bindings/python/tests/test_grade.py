"""ecc200.grade: reports, options, errors."""

import json
import pickle

import numpy as np
import pytest

import ecc200

GS1 = "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001"


@pytest.fixture(scope="module")
def clean():
    return ecc200.encode(GS1, gs1=True).to_image(scale=6, quiet_zone=4)


def test_clean_symbol_grades_a(clean):
    r = ecc200.grade(clean)
    assert r.letter == "A" and r.grade == 4.0
    assert r.grade_string == "4.0/--/660"
    for m in (r.decode, r.symbol_contrast, r.modulation, r.reflectance_margin,
              r.fixed_pattern_damage, r.axial_nonuniformity, r.grid_nonuniformity,
              r.unused_error_correction):
        assert m.grade == 4 and m.letter == "A"
    assert r.symbol_contrast.value > 0.9
    assert abs(r.print_growth[0]) < 0.1
    assert r.decoded.gs1["01"] == "09506000134352"
    assert "symbol contrast" in r.to_text()
    d = json.loads(r.to_json())
    assert d["grade"] == 4.0 and d["decoded"]["text"].startswith("0109506")
    assert len(d["scans"][0]["modules"]) == 22 * 22
    r2 = pickle.loads(pickle.dumps(r))
    assert r2.grade_string == r.grade_string and r2.decoded == r.decoded


def test_degraded_symbol_grades_lower(clean):
    # low contrast: light 150, dark 110
    low = (110 + (clean.astype(np.float64) / 255.0) * 40).astype(np.uint8)
    r = ecc200.grade(low)
    assert r.symbol_contrast.grade < 4 and r.grade < 4.0 and r.reasons


def test_mirrored_and_rotated_grade_the_same(clean):
    g = ecc200.grade(clean).grade
    assert ecc200.grade(np.fliplr(clean)).grade == g
    assert ecc200.grade(np.rot90(clean)).grade == g


def test_options(clean):
    r = ecc200.grade(clean, aperture="5mil", dpi=600, wavelength_nm=640)
    assert r.grade_string == "4.0/05/640" and r.aperture_mils == pytest.approx(5.0)
    assert ecc200.grade(clean, aperture=0.5).letter == "A"
    r = ecc200.grade(clean, calibration=(250.0, 5.0, 0.85, 0.05))
    assert r.calibrated
    assert ecc200.grade(clean, notional_uec="errors").letter == "A"
    with pytest.raises(ecc200.GradeError, match="dpi"):
        ecc200.grade(clean, aperture="5mil")
    with pytest.raises(ValueError):
        ecc200.grade(clean, aperture="wide")
    with pytest.raises(ValueError):
        ecc200.grade(clean, notional_uec="maybe")
    small = ecc200.encode(GS1, gs1=True).to_image(scale=3, quiet_zone=4)
    assert any("pixels per module" in w or "resolution" in w for w in ecc200.grade(small).warnings)
    with pytest.raises(ecc200.GradeError, match="pixels per module"):
        ecc200.grade(small, low_resolution_is_error=True)


def test_grade_errors_and_all(clean):
    with pytest.raises(ecc200.GradeError, match="no symbol"):
        ecc200.grade(np.full((80, 80), 255, dtype=np.uint8))
    assert issubclass(ecc200.GradeError, ecc200.Error)
    other = ecc200.encode("OTHER DATA 12345").to_image(scale=6, quiet_zone=4)
    h = max(clean.shape[0], other.shape[0])
    two = np.full((h, clean.shape[1] + other.shape[1] + 20), 255, dtype=np.uint8)
    two[: clean.shape[0], : clean.shape[1]] = clean
    two[: other.shape[0], clean.shape[1] + 20:] = other
    reports = ecc200.grade_all(two)
    assert len(reports) == 2 and all(r.letter == "A" for r in reports)
    assert {r.decoded.text for r in reports} == {"OTHER DATA 12345", ecc200.decode(clean)[0].text}
    assert len(ecc200.grade_all(two, max_symbols=1)) == 1


def test_unreadable_image_is_a_decode_error():
    with pytest.raises(ecc200.DecodeError, match="cannot read the image file"):
        ecc200.grade(b"not an image")
    with pytest.raises(TypeError):
        ecc200.grade(np.zeros((10, 10), dtype=np.float64))


def test_dpm_standard(clean):
    r = ecc200.grade(clean, standard="29158")
    assert r.standard == "29158" and r.cell_contrast is not None and r.cell_contrast.grade == 4
    assert ecc200.grade(clean).cell_contrast is None and ecc200.grade(clean).standard == "15415"
    with pytest.raises(ValueError, match="standard"):
        ecc200.grade(clean, standard="9999")


def test_dpm_minimum_reflectance(clean):
    r = ecc200.grade(clean, standard="29158")
    assert r.minimum_reflectance is not None
    assert r.minimum_reflectance.grade == 4 and r.minimum_reflectance.value > 0.9
    assert ecc200.grade(clean).minimum_reflectance is None
    # Rtarget = r_cal * (sr_cal / sr_target) * (ML / ml_cal): ML is 255 on the render
    ok = ecc200.grade(clean, standard="29158", dpm_reference=(0.85, 200.0, 1.0, 4.0))
    assert abs(ok.minimum_reflectance.value - 0.85 / 4 * 255 / 200) < 0.005
    low = ecc200.grade(clean, standard="29158", dpm_reference=(0.85, 200.0, 1.0, 40.0))
    assert low.minimum_reflectance.grade == 0 and low.grade == 0.0
    assert any("minimum reflectance" in x for x in low.reasons)
    with pytest.raises(ecc200.GradeError, match="dpm reference"):
        ecc200.grade(clean, standard="29158", dpm_reference=(0.85, 0.0, 1.0, 1.0))


def test_clock_segments_option(clean):
    whole = ecc200.grade(clean)
    per = ecc200.grade(clean, clock_segments="region")
    names = list(per.scans[0]["fpd"]["segments"])
    assert "CTSA 1,1" in names and "clock+solid" in list(whole.scans[0]["fpd"]["segments"])
    assert per.grade == whole.grade == 4.0
    with pytest.raises(ValueError, match="clock_segments"):
        ecc200.grade(clean, clock_segments="rows")


def test_grid_anchor_option(clean):
    fit = ecc200.grade(clean, grid_anchor="fit")
    assert fit.grid_nonuniformity.grade == 4 and fit.grid_nonuniformity.value < 0.1
    with pytest.raises(ValueError, match="grid_anchor"):
        ecc200.grade(clean, grid_anchor="middle")
