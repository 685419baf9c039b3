#!/usr/bin/env python3
"""Writes the bad-input corpus (*.jsonl next to this script), one hand-chosen case a line.

Run it after changing a case below or an event type's schema: python3 generate.py
The files are what the tests read; this script only saves typing the same envelope 200 times.
Every value is obviously fake: V-numbers 00000000NN, BSN 111222333, dates in 2024, names "Testpersoon".
See README.md for the line format.
"""
import base64
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CE = "application/cloudevents+json"
MAIN = "0000000001"
CHILD = "0000000002"
PARTNER = "0000000003"
BSN = "111222333"          # passes the 11-test, obviously fake
BSN_BAD = "111222334"      # fails it
FUTURE = "2999-01-01"
NO_DAY = "2024-02-30"

GROUP = {
    "urn:nl:coa": "partner-coa",
    "urn:nl:vluchtelingenwerk-midden-nederland": "partner-vluchtelingenwerk",
    "urn:nl:vluchtelingenwerk-utrecht": "partner-vluchtelingenwerk-utrecht",
    "urn:nl:gca": "partner-gca",
    "urn:nl:duo": "partner-duo",
    "urn:nl:utrecht:brp": "partner-brp",
    "urn:nl:utrecht:werk-en-inkomen": "partner-werk-en-inkomen",
    "urn:nl:utrecht:housing": "partner-housing",
    "urn:nl:utrecht:onderwijs": "partner-onderwijs",
    "urn:nl:buurtteam": "partner-buurtteam",
}

# type -> (source, subject kind, valid data, {field: kind}); kind: past-date, date, str, int(lo,hi), bool, enum
TYPES = {
    "nl.coa.azc-intake-registered": ("urn:nl:coa", "V", {
        "vNumber": MAIN, "familyName": "Testpersoon", "givenNames": "Test", "birthDate": "1990-01-01",
        "nationality": "XXA", "languages": ["ar", "en"], "azcLocation": "Ravellaan", "arrivalDate": "2024-05-30",
        "household": [
            {"vNumber": MAIN, "birthDate": "1990-01-01", "relation": "main"},
            {"vNumber": CHILD, "birthDate": "2015-03-01", "relation": "child"}]},
        {"familyName": "str", "givenNames": "str", "birthDate": "past-date", "arrivalDate": "past-date",
         "azcLocation": "enum"}),
    "nl.vluchtelingenwerk.dossier-opened": ("urn:nl:vluchtelingenwerk-midden-nederland", "VB",
        {"dossierNumber": "VWMN-TEST-0001", "openedOn": "2024-05-31"}, {"dossierNumber": "str", "openedOn": "past-date"}),
    "nl.ind.residence-permit-granted": ("urn:nl:coa", "V", {"permitGrantedOn": "2024-05-31"},
        {"permitGrantedOn": "past-date"}),
    "nl.coa.departed-without-status": ("urn:nl:coa", "V", {"departedOn": "2024-05-31"}, {"departedOn": "past-date"}),
    "nl.coa.status-holder-linked": ("urn:nl:coa", "V", {
        "linkedOn": "2024-05-31", "familyMembersToFollow": 0, "educationLevel": "secondary",
        "workExperienceYears": 4, "languages": ["ar"]},
        {"linkedOn": "past-date", "familyMembersToFollow": ("int", 0, 20), "educationLevel": "enum",
         "workExperienceYears": ("int", 0, 60)}),
    "nl.utrecht.housing-offer-accepted": ("urn:nl:utrecht:housing", "V", {
        "moveDate": "2024-06-15", "interimHome": False, "district": "overvecht"},
        {"moveDate": "date", "interimHome": "bool", "district": "enum"}),
    "nl.utrecht.family-reunited": ("urn:nl:utrecht:housing", "VB", {"reunitedOn": "2024-05-31"},
        {"reunitedOn": "past-date"}),
    "nl.utrecht.brp-registered": ("urn:nl:utrecht:brp", "V", {"bsn": BSN, "brpRegisteredOn": "2024-05-31"},
        {"bsn": "bsn", "brpRegisteredOn": "past-date"}),
    "nl.utrecht.benefit-granted": ("urn:nl:utrecht:werk-en-inkomen", "VB", {"benefitGrantedOn": "2024-05-31"},
        {"benefitGrantedOn": "past-date"}),
    "nl.vluchtelingenwerk.dossier-transfer-received": ("urn:nl:vluchtelingenwerk-utrecht", "VB",
        {"dossierTransferredOn": "2024-05-31"}, {"dossierTransferredOn": "past-date"}),
    "nl.gca.medical-record-handover-confirmed": ("urn:nl:gca", "VB", {
        "medicalHandoverConfirmedOn": "2024-05-31", "gpPractice": "Huisartsenpraktijk Test"},
        {"medicalHandoverConfirmedOn": "past-date", "gpPractice": "str"}),
    "nl.utrecht.ppsv-assessment-completed": ("urn:nl:utrecht:werk-en-inkomen", "VB", {
        "languageLevel": "A2", "educationLevel": "secondary", "workExperienceYears": 4},
        {"languageLevel": "enum", "educationLevel": "enum", "workExperienceYears": ("int", 0, 60)}),
    "nl.utrecht.school-placement-done": ("urn:nl:utrecht:onderwijs", "VB", {
        "schoolName": "Testschool", "firstSchoolDay": "2024-08-26"}, {"schoolName": "str", "firstSchoolDay": "date"}),
    "nl.vluchtelingenwerk.participation-declaration-signed": ("urn:nl:vluchtelingenwerk-utrecht", "VB",
        {"declarationSignedOn": "2024-05-31"}, {"declarationSignedOn": "past-date"}),
    "nl.duo.civic-integration-obligation-started": ("urn:nl:duo", "VB", {"obligationStart": "2024-05-31"},
        {"obligationStart": "past-date"}),
    "nl.duo.loan-granted": ("urn:nl:duo", "VB", {"loanAmount": 10000, "grantedOn": "2024-05-31"},
        {"loanAmount": ("int", 1, 10000), "grantedOn": "past-date"}),
    "nl.duo.exam-part-passed": ("urn:nl:duo", "VB", {
        "examPart": "reading", "languageLevel": "A2", "passedOn": "2024-05-31"},
        {"examPart": "enum", "languageLevel": "enum", "passedOn": "past-date"}),
    "nl.duo.exam-passed": ("urn:nl:duo", "VB", {"examPassedOn": "2024-05-31"}, {"examPassedOn": "past-date"}),
    "nl.duo.civic-integration-term-ended": ("urn:nl:duo", "VB", {"termEndedOn": "2024-05-31"},
        {"termEndedOn": "past-date"}),
    "nl.buurtteam.handover-accepted": ("urn:nl:buurtteam", "VB", {"handoverAcceptedOn": "2024-05-31"},
        {"handoverAcceptedOn": "past-date"}),
    "nl.utrecht.trajectory-placement-made": ("urn:nl:utrecht:werk-en-inkomen", "VB", {
        "chosenTrajectory": "uaf", "trajectoryStartDate": "2024-09-01"},
        {"chosenTrajectory": "enum", "trajectoryStartDate": "date"}),
    "nl.utrecht.participation-outflow-reported": ("urn:nl:utrecht:werk-en-inkomen", "VB", {
        "outflowKind": "volunteer-work", "outflowOn": "2024-05-31"},
        {"outflowKind": "enum", "outflowOn": "past-date"}),
}
REQUIRED = {
    "nl.coa.azc-intake-registered": ["vNumber", "familyName", "givenNames", "birthDate", "nationality", "languages",
                                     "azcLocation", "arrivalDate", "household"],
    "nl.coa.status-holder-linked": ["linkedOn", "familyMembersToFollow"],
    "nl.duo.loan-granted": ["loanAmount"],
    "nl.duo.exam-part-passed": ["examPart", "passedOn"],
}

counter = [0]


def event(type_name, **envelope):
    source, kind, data, _ = TYPES[type_name]
    counter[0] += 1
    e = {"specversion": "1.0", "id": "bad-input-%04d" % counter[0], "source": source, "type": type_name,
         "subject": MAIN, "time": "2024-06-01T10:15:00+02:00", "datacontenttype": "application/json",
         "data": copy.deepcopy(data)}
    e.update(envelope)
    return e


def case(name, body, pointer, rule, sender, status=400, layer="validator", content_type=CE, **extra):
    line = {"name": name, "layer": layer, "sender": sender, "contentType": content_type, "status": status,
            "pointer": pointer, "rule": rule}
    if isinstance(body, bytes):
        line["bodyBase64"] = base64.b64encode(body).decode("ascii")
    else:
        line["body"] = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    line.update(extra)
    return line


def mutate(type_name, change, **envelope):
    e = event(type_name, **envelope)
    change(e)
    return e


def per_type():
    rows = []
    for t, (source, kind, data, fields) in TYPES.items():
        sender = GROUP[source]
        short = t.split(".", 1)[1]
        for f in REQUIRED.get(t, [f for f in data]):
            if t == "nl.utrecht.housing-offer-accepted" and f == "district":
                continue
            rows.append(case(f"{short}: data.{f} missing", mutate(t, lambda e, f=f: e["data"].pop(f)),
                             f"/data/{f}", "required", sender))
        for f, k in fields.items():
            p = f"/data/{f}"
            if k in ("past-date", "date"):
                rows.append(case(f"{short}: data.{f} a number", mutate(t, lambda e, f=f: e["data"].__setitem__(f, 20240531)),
                                 p, "type", sender))
                rows.append(case(f"{short}: data.{f} day that does not exist",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, NO_DAY)), p, "format:" + k, sender))
                if k == "past-date":
                    rows.append(case(f"{short}: data.{f} in the future",
                                     mutate(t, lambda e, f=f: e["data"].__setitem__(f, FUTURE)), p, "format:past-date", sender))
                else:
                    rows.append(case(f"{short}: data.{f} Dutch notation",
                                     mutate(t, lambda e, f=f: e["data"].__setitem__(f, "15-06-2024")), p, "format:date", sender))
            elif k == "str":
                rows.append(case(f"{short}: data.{f} an object",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, {"x": "y"})), p, "type", sender))
                if f != "dossierNumber":
                    rows.append(case(f"{short}: data.{f} empty", mutate(t, lambda e, f=f: e["data"].__setitem__(f, "")),
                                     p, "minLength", sender))
                    rows.append(case(f"{short}: data.{f} huge (10,000 characters)",
                                     mutate(t, lambda e, f=f: e["data"].__setitem__(f, "Testpersoon" * 910)),
                                     p, "maxLength", sender))
                else:
                    rows.append(case(f"{short}: data.{f} with a space",
                                     mutate(t, lambda e, f=f: e["data"].__setitem__(f, "VW 1")), p, "pattern", sender))
            elif k == "bool":
                rows.append(case(f"{short}: data.{f} the string 'true'",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, "true")), p, "type", sender))
                rows.append(case(f"{short}: data.{f} 0 for false",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, 0)), p, "type", sender))
            elif k == "enum":
                rows.append(case(f"{short}: data.{f} outside the enumeration",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, "unknown-value")), p, "enum", sender))
                rows.append(case(f"{short}: data.{f} in capitals",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, str(data[f]).upper() + "X")), p, "enum", sender))
            elif k == "bsn":
                rows.append(case(f"{short}: data.{f} failing the 11-test",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, BSN_BAD)), p, "format:bsn", sender))
                rows.append(case(f"{short}: data.{f} a number", mutate(t, lambda e, f=f: e["data"].__setitem__(f, 111222333)),
                                 p, "type", sender))
            elif isinstance(k, tuple):
                _, lo, hi = k
                rows.append(case(f"{short}: data.{f} above the maximum",
                                 mutate(t, lambda e, f=f, hi=hi: e["data"].__setitem__(f, hi + 1)), p, "maximum", sender))
                rows.append(case(f"{short}: data.{f} below the minimum",
                                 mutate(t, lambda e, f=f, lo=lo: e["data"].__setitem__(f, lo - 1)), p, "minimum", sender))
                rows.append(case(f"{short}: data.{f} a fraction",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, 1.5)), p, "type", sender))
                rows.append(case(f"{short}: data.{f} a string of digits",
                                 mutate(t, lambda e, f=f: e["data"].__setitem__(f, "4")), p, "type", sender))
        # out-of-range numbers as raw JSON text (the number itself is the point)
        ints = [f for f, k in fields.items() if isinstance(k, tuple)]
        for f in ints[:1]:
            base = json.dumps(mutate(t, lambda e, f=f: e["data"].__setitem__(f, 424242)))
            rows.append(case(f"{short}: data.{f} larger than a long", base.replace("424242", "9" * 30),
                             f"/data/{f}", "maximum", sender))
            rows.append(case(f"{short}: data.{f} 1e400 (beyond a double)", base.replace("424242", "1e400"),
                             f"/data/{f}", "type", sender))
            rows.append(case(f"{short}: data.{f} a number of 2,000 digits", base.replace("424242", "7" * 2000),
                             "", "json-syntax", sender))
            rows.append(case(f"{short}: data.{f} 4.2e0", base.replace("424242", "4.2e0"), f"/data/{f}", "type", sender))
        rows.append(case(f"{short}: field the schema does not define",
                         mutate(t, lambda e: e["data"].__setitem__("remark", "Testopmerking")), "/data/remark",
                         "not-allowed", sender))
        wrong = "urn:nl:duo" if source != "urn:nl:duo" else "urn:nl:coa"
        rows.append(case(f"{short}: source not allowed for the type", event(t, source=wrong), "/source",
                         "source-not-allowed", GROUP[wrong]))
        rows.append(case(f"{short}: data null", mutate(t, lambda e: e.__setitem__("data", None)), "/data", "type", sender))
        if kind == "V":
            rows.append(case(f"{short}: a BSN as subject where only a V-number is allowed", event(t, subject=BSN),
                             "/subject", "v-number", sender))
        else:
            rows.append(case(f"{short}: subject a BSN failing the 11-test", event(t, subject=BSN_BAD), "/subject",
                             "bsn-eleven-test", sender))
            rows.append(case(f"{short}: subject of 11 digits", event(t, subject="00000000001"), "/subject", "pattern",
                             sender))
    return rows


INTAKE = "nl.coa.azc-intake-registered"
COA = "partner-coa"


def intake_and_envelope():
    rows = []
    d = lambda f: (lambda e: f(e["data"]))
    m = lambda i, f: (lambda e: f(e["data"]["household"][i]))
    add = lambda name, change, pointer, rule: rows.append(case(name, mutate(INTAKE, change), pointer, rule, COA))
    # --- the intake's data
    add("intake: nationality in lower case", d(lambda x: x.__setitem__("nationality", "xxa")), "/data/nationality", "pattern")
    add("intake: nationality of two letters", d(lambda x: x.__setitem__("nationality", "XX")), "/data/nationality", "pattern")
    add("intake: languages empty", d(lambda x: x.__setitem__("languages", [])), "/data/languages", "minItems")
    add("intake: eleven languages", d(lambda x: x.__setitem__("languages", ["a%s" % c for c in "abcdefghijk"])),
        "/data/languages", "maxItems")
    add("intake: a language twice", d(lambda x: x.__setitem__("languages", ["ar", "ar"])), "/data/languages", "uniqueItems")
    add("intake: a language as a number", d(lambda x: x.__setitem__("languages", ["ar", 7])), "/data/languages/1", "type")
    add("intake: a language written out", d(lambda x: x.__setitem__("languages", ["Arabic"])), "/data/languages/0", "pattern")
    add("intake: languages a string", d(lambda x: x.__setitem__("languages", "ar")), "/data/languages", "type")
    add("intake: vNumber of 9 digits", d(lambda x: x.__setitem__("vNumber", "000000001")), "/data/vNumber", "pattern")
    add("intake: vNumber as a number", d(lambda x: x.__setitem__("vNumber", 1)), "/data/vNumber", "type")
    add("intake: household empty", d(lambda x: x.__setitem__("household", [])), "/data/household", "minItems")
    add("intake: household of 21", d(lambda x: x["household"].extend(
        {"vNumber": "00000001%02d" % i, "birthDate": "2000-01-01", "relation": "other"} for i in range(19))),
        "/data/household", "maxItems")
    add("intake: household an object", d(lambda x: x.__setitem__("household", {"main": MAIN})), "/data/household", "type")
    add("intake: member a string", d(lambda x: x["household"].append(PARTNER)), "/data/household/2", "type")
    add("intake: member without vNumber", m(1, lambda x: x.pop("vNumber")), "/data/household/1/vNumber", "required")
    add("intake: member without relation", m(1, lambda x: x.pop("relation")), "/data/household/1/relation", "required")
    add("intake: member relation unknown", m(1, lambda x: x.__setitem__("relation", "cousin")), "/data/household/1/relation", "enum")
    add("intake: member with an extra field", m(1, lambda x: x.__setitem__("nickname", "Testkind")),
        "/data/household/1/nickname", "not-allowed")
    add("intake: member born in the future", m(1, lambda x: x.__setitem__("birthDate", FUTURE)),
        "/data/household/1/birthDate", "format:past-date")
    add("intake: member born in year 0", m(1, lambda x: x.__setitem__("birthDate", "0000-00-00")),
        "/data/household/1/birthDate", "format:past-date")
    add("intake: member born in year 99999", m(1, lambda x: x.__setitem__("birthDate", "99999-01-01")),
        "/data/household/1/birthDate", "format:past-date")
    add("intake: member born after arrival", m(1, lambda x: x.__setitem__("birthDate", "2024-05-31")),
        "/data/household/1/birthDate", "not-after-arrival")
    add("intake: household without the main person", d(lambda x: x["household"].pop(0)), "/data/household",
        "contains-main-person")
    add("intake: member listed twice", d(lambda x: x["household"].append(dict(x["household"][1]))),
        "/data/household/2/vNumber", "unique")
    add("intake: main person's birth date differs in the household", m(0, lambda x: x.__setitem__("birthDate", "1990-01-02")),
        "/data/household/0/birthDate", "matches-main-person")
    add("intake: subject is the child, not the main person", lambda e: e.__setitem__("subject", CHILD), "/subject",
        "subject-is-main-person")
    add("intake: data an array", lambda e: e.__setitem__("data", []), "/data", "type")
    add("intake: data a string", lambda e: e.__setitem__("data", "{}"), "/data", "type")
    # --- envelope
    for attr in ["specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"]:
        add(f"envelope: {attr} missing", lambda e, a=attr: e.pop(a), "/" + attr, "required")
    add("envelope: specversion 0.3", lambda e: e.__setitem__("specversion", "0.3"), "/specversion", "const")
    add("envelope: specversion the number 1.0", lambda e: e.__setitem__("specversion", 1.0), "/specversion", "const")
    add("envelope: id empty", lambda e: e.__setitem__("id", ""), "/id", "minLength")
    add("envelope: id of 201 characters", lambda e: e.__setitem__("id", "x" * 201), "/id", "maxLength")
    add("envelope: id with a space", lambda e: e.__setitem__("id", "bad input 1"), "/id", "pattern")
    add("envelope: id with a slash", lambda e: e.__setitem__("id", "../../etc"), "/id", "pattern")
    add("envelope: id a number", lambda e: e.__setitem__("id", 12345), "/id", "type")
    add("envelope: id null", lambda e: e.__setitem__("id", None), "/id", "type")
    add("envelope: source an URL", lambda e: e.__setitem__("source", "https://coa.example"), "/source", "pattern")
    add("envelope: source in capitals", lambda e: e.__setitem__("source", "URN:NL:COA"), "/source", "pattern")
    add("envelope: source of 201 characters", lambda e: e.__setitem__("source", "urn:nl:" + "a" * 194), "/source", "maxLength")
    add("envelope: unknown type", lambda e: e.__setitem__("type", "nl.coa.azc-intake-cancelled"), "/type", "unknown-type")
    add("envelope: the hub's own outbound type", lambda e: e.__setitem__("type", "nl.utrecht.hub.housing-requested"),
        "/type", "unknown-type")
    add("envelope: type in CamelCase", lambda e: e.__setitem__("type", "AzcIntakeRegistered"), "/type", "pattern")
    add("envelope: type an array", lambda e: e.__setitem__("type", [INTAKE]), "/type", "type")
    add("envelope: subject with letters", lambda e: e.__setitem__("subject", "00000000AB"), "/subject", "pattern")
    add("envelope: subject a number", lambda e: e.__setitem__("subject", 1), "/subject", "type")
    add("envelope: subject of 8 digits", lambda e: e.__setitem__("subject", "00000001"), "/subject", "pattern")
    add("envelope: time in words", lambda e: e.__setitem__("time", "gisteren"), "/time", "format:date-time")
    add("envelope: time without zone", lambda e: e.__setitem__("time", "2024-06-01T10:15:00"), "/time", "format:date-time")
    add("envelope: time on a day that does not exist", lambda e: e.__setitem__("time", "2024-02-30T10:15:00Z"),
        "/time", "format:date-time")
    add("envelope: time at hour 25", lambda e: e.__setitem__("time", "2024-06-01T25:00:00Z"), "/time", "format:date-time")
    add("envelope: time as epoch seconds", lambda e: e.__setitem__("time", 1717230900), "/time", "type")
    add("envelope: datacontenttype text/plain", lambda e: e.__setitem__("datacontenttype", "text/plain"),
        "/datacontenttype", "const")
    add("envelope: datacontenttype application/xml", lambda e: e.__setitem__("datacontenttype", "application/xml"),
        "/datacontenttype", "const")
    add("envelope: dataschema of 501 characters", lambda e: e.__setitem__("dataschema", "x" * 501), "/dataschema", "maxLength")
    add("envelope: extension attribute an object", lambda e: e.__setitem__("partnerinfo", {"x": 1}), "/partnerinfo", "type")
    add("envelope: extension attribute a fraction", lambda e: e.__setitem__("partition", 1.5), "/partition", "type")
    add("envelope: extension attribute null", lambda e: e.__setitem__("traceparent", None), "/traceparent", "type")
    add("envelope: extension attribute an array", lambda e: e.__setitem__("tags", ["a"]), "/tags", "type")
    add("envelope: extension attribute name with capitals", lambda e: e.__setitem__("Partner_Info", "x"),
        "/Partner_Info", "propertyNames")
    add("envelope: extension attribute name of 21 characters", lambda e: e.__setitem__("a" * 21, "x"),
        "/" + "a" * 21, "propertyNames")
    add("envelope: extension attribute with an empty name", lambda e: e.__setitem__("", "x"), "/", "propertyNames")
    # deeply nested inside an extension attribute or data: refused by the parser
    for depth in (33, 100, 5000):
        nested = "1"
        for _ in range(depth):
            nested = "[" + nested + "]"
        base = json.dumps(event(INTAKE))
        rows.append(case(f"nesting: arrays {depth} deep in an extension attribute",
                         base[:-1] + ', "deep": ' + nested + "}", "", "json-syntax", COA))
    nested = '"x"'
    for _ in range(40):
        nested = '{"d": ' + nested + "}"
    base = json.dumps(event(INTAKE))
    rows.append(case("nesting: objects 40 deep inside data", base.replace('"data": {', '"data": {"deep": ' + nested + ", ", 1),
                     "", "json-syntax", COA))
    return rows


def syntax():
    rows = []
    valid = json.dumps(event(INTAKE))
    raw = lambda name, body, pointer="", rule="json-syntax": rows.append(case(name, body, pointer, rule, COA))
    raw("syntax: empty body", "", "", "type")
    raw("syntax: only spaces", "   ", "", "type")
    raw("syntax: truncated in the middle", valid[: len(valid) // 2])
    raw("syntax: last brace missing", valid[:-1])
    raw("syntax: single quotes", valid.replace('"', "'"))
    raw("syntax: unquoted keys", valid.replace('"specversion"', "specversion"))
    raw("syntax: trailing comma", valid[:-1] + ",}")
    raw("syntax: a comment", "/* COA */" + valid)
    raw("syntax: NaN as a value", valid[:-1] + ', "partition": NaN}')
    raw("syntax: Infinity as a value", valid[:-1] + ', "partition": Infinity}')
    raw("syntax: leading zero", valid[:-1] + ', "partition": 007}')
    raw("syntax: a raw newline inside a string", valid.replace('"Testpersoon"', '"Test\npersoon"'))
    raw("syntax: a raw tab inside a string", valid.replace('"Testpersoon"', '"Test\tpersoon"'))
    raw("syntax: an invalid escape", valid.replace('"Testpersoon"', '"Test\\xpersoon"'))
    raw("syntax: duplicate envelope key", '{"subject": "%s", ' % CHILD + valid[1:])
    raw("syntax: duplicate key inside data", valid.replace('"familyName":', '"familyName": "Ander", "familyName":'))
    raw("syntax: duplicate key in a household member", valid.replace('"relation": "child"', '"relation": "child", "relation": "main"'))
    raw("syntax: trailing garbage", valid + " x")
    raw("syntax: a second event after the first", valid + "\n" + valid.replace("bad-input-", "bad-input-x"))
    raw("syntax: a closing bracket after the event", valid + "]")
    raw("syntax: XML", "<event><type>%s</type></event>" % INTAKE)
    raw("syntax: form encoding", "type=%s&subject=%s" % (INTAKE, MAIN))
    raw("syntax: key without value", valid[:-1] + ', "partition"}')
    raw("syntax: a string never closed", valid[:-2])
    raw("syntax: a NUL byte between tokens", valid[:-1] + "\u0000}")
    # Camel's bean binding once took a quoted body for a quoted literal and removed the quotes
    rows.append(case("syntax: the event wrapped in double quotes", '"' + valid + '"', "", "json-syntax", COA,
                     alsoOverJms=True))
    rows.append(case("syntax: the event wrapped in single quotes", "'" + valid + "'", "", "json-syntax", COA,
                     alsoOverJms=True))
    rows.append(case("syntax: a JSON string holding the event", json.dumps(valid), "", "type", COA, alsoOverJms=True))
    raw("not an object: an array of the event", "[" + valid + "]", "", "type")
    raw("not an object: null", "null", "", "type")
    raw("not an object: a number", "42", "", "type")
    rows.append(case("not an object: a string", '"event"', "", "type", COA, alsoOverJms=True))
    raw("not an object: true", "true", "", "type")
    raw("not an object: an empty array", "[]", "", "type")
    raw("not an object: an empty object", "{}", "/specversion", "required")
    return rows


def http_only():
    rows = []
    valid = json.dumps(event(INTAKE)).encode("utf-8")
    enc = lambda name, body: rows.append(case(name, body, "", "encoding", COA, layer="http"))
    def inside(bad):
        return valid.replace(b'"Testpersoon"', b'"Test' + bad + b'persoon"')
    enc("encoding: a lone continuation byte", inside(b"\x80"))
    enc("encoding: C3 28 (a lead byte without its continuation)", inside(b"\xc3\x28"))
    enc("encoding: an overlong slash (C0 AF)", inside(b"\xc0\xaf"))
    enc("encoding: byte FF", inside(b"\xff"))
    enc("encoding: Latin-1 e-acute", inside(b"\xe9"))
    enc("encoding: a UTF-16 surrogate encoded in UTF-8 (CESU)", inside(b"\xed\xa0\x80"))
    enc("encoding: a code point above U+10FFFF", inside(b"\xf4\x90\x80\x80"))
    enc("encoding: a multibyte sequence cut off at the end", valid + b"\xe2\x82")
    enc("encoding: the whole body in UTF-16 with a BOM", json.dumps(event(INTAKE)).encode("utf-16"))
    enc("encoding: the whole body in UTF-32", json.dumps(event(INTAKE)).encode("utf-32"))
    ct = lambda name, content_type: rows.append(case(name, json.dumps(event(INTAKE)), None, None, COA, status=415,
                                                    layer="http", content_type=content_type))
    ct("content type: application/json", "application/json")
    ct("content type: missing", None)
    ct("content type: text/plain", "text/plain")
    ct("content type: application/xml", "application/xml")
    ct("content type: the batch format", "application/cloudevents-batch+json")
    ct("content type: form encoded", "application/x-www-form-urlencoded")
    ct("content type: charset ISO-8859-1", CE + "; charset=ISO-8859-1")
    ct("content type: charset UTF-16", CE + "; charset=utf-16")
    ct("content type: octet-stream", "application/octet-stream")
    ct("content type: form encoded in capitals", "APPLICATION/X-WWW-FORM-URLENCODED")
    ct("content type: form encoded with a charset", "application/x-www-form-urlencoded; charset=utf-8")
    ct("content type: multipart form data", "multipart/form-data; boundary=test-boundary")
    huge = lambda name, body, pad: rows.append(case(name, body, None, None, COA, status=413, layer="http", padTo=pad))
    huge("huge: valid event padded to one byte over the limit", json.dumps(event(INTAKE)), 262145)
    huge("huge: valid event padded to a megabyte", json.dumps(event(INTAKE)), 1048576)
    wrong = lambda name, e, sender: rows.append(case(name, e, None, None, sender, status=403, layer="http"))
    wrong("sender: COA sends DUO's event", event("nl.duo.exam-passed"), "partner-coa")
    wrong("sender: DUO sends COA's intake", event(INTAKE), "partner-duo")
    wrong("sender: the buurtteam sends the BRP registration", event("nl.utrecht.brp-registered"), "partner-buurtteam")
    wrong("sender: the GCA sends a dossier transfer", event("nl.vluchtelingenwerk.dossier-transfer-received"), "partner-gca")
    return rows


def write(name, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=True) + "\n")
    return len(rows)


def bases():
    """One valid event of every type: what the fuzz tests mutate and the corpus cases start from."""
    rows = []
    for t in TYPES:
        e = event(t)
        e["id"] = "fuzz-base-" + t.split(".", 1)[1]
        rows.append(e)
    return rows


if __name__ == "__main__":
    write("valid-bases.jsonl", bases())
    total = write("per-type.jsonl", per_type())
    total += write("intake-and-envelope.jsonl", intake_and_envelope())
    total += write("syntax.jsonl", syntax())
    total += write("http.jsonl", http_only())
    print(total, "cases")
