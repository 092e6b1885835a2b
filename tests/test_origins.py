"""Independent origins: shared owners and state-media groups collapse."""
from __future__ import annotations

from attrib.origins import Origin, independent_keys
from attrib.resolve import load_gazetteer


def test_shared_owner_is_one_origin():
    gaz = load_gazetteer()
    keys = independent_keys([Origin("RIA Novosti", "ria-novosti"), Origin("Sputnik", "sputnik")], gaz)
    assert len(set(keys.values())) == 1


def test_state_media_group_absorbs_that_countrys_state_outlets_only():
    gaz = load_gazetteer()
    origins = [Origin("Russian state media", "group:russian state media"), Origin("TASS", "tass"),
               Origin("Reuters", "reuters"), Origin("Meduza", "meduza")]
    keys = independent_keys(origins, gaz)
    assert keys[origins[1]] == keys[origins[0]]
    assert len(set(keys.values())) == 3
