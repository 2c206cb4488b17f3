#!/usr/bin/python3
# Computes what python-dateutil expands the cases in dateutil_cases.txt
# to, into dateutil_expected.txt (one line per case: UTC starts, or "-").
# Debian: apt-get install python3-dateutil. Run from recur/testdata:
#   go test ./recur -run TestDateutil -write-cases && (cd recur/testdata && /usr/bin/python3 expand_dateutil.py)
from datetime import datetime
from zoneinfo import ZoneInfo
from dateutil import rrule

out = []
for line in open("dateutil_cases.txt"):
    rule, first, tz, frm, to = line.strip().split("|")
    zone = ZoneInfo(tz)
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
    start = parse(first).astimezone(zone).replace(tzinfo=zone)
    r = rrule.rrulestr(rule, dtstart=start)
    got = [x for x in r.between(parse(frm), parse(to), inc=True) if x < parse(to)]
    out.append(",".join(x.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ") for x in got) or "-")
with open("dateutil_expected.txt", "w") as f:
    f.write("\n".join(out) + "\n")
