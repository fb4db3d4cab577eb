#!/usr/bin/env python3
"""The crash test's observer and verifier: reads the mailbox, the daemon's API, RT's REST2 API and the H2 store.

usage:
  check.py unseen  IMAP_PORT USER PASSWORD                  -> number of unseen mails in INBOX
  check.py rt-count RT_URL RT_DIR                           -> number of RT tickets in queue Support
  check.py rt-correspondence RT_URL RT_DIR                  -> number of correspondence transactions in RT
  check.py progress IMAP_PORT API_URL RT_URL RT_DIR         -> one JSON line: unseen, stored, tickets, rt_tickets,
                                                               rt_correspondence
  check.py verify EXPECTED API_URL RT_URL RT_DIR OUT.json    -> checks (a) and (b); exit 1 on a violation

Everything here only reads: the mailbox is EXAMINEd (read-only, no \\Seen set), the API and RT are only GETted.
"""
import base64
import imaplib
import json
import os
import sys
import urllib.parse
import urllib.request
from collections import Counter, defaultdict

RT_QUEUE = "Support"
CORRESPOND = "Type = 'Correspond' AND ObjectType = 'RT::Ticket'"


def unseen(port, user, password):
    m = imaplib.IMAP4("127.0.0.1", int(port))
    try:
        m.login(user, password)
        m.select("INBOX", readonly=True)
        typ, data = m.search(None, "UNSEEN")
        return len(data[0].split()) if typ == "OK" and data and data[0] else 0
    finally:
        try:
            m.logout()
        except Exception:
            pass


def get_json(url, auth=None, timeout=60):
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    elif os.environ.get("INBOUND_ROUTER_TOKEN"):
        # the router's admin listener wants its bearer token
        req.add_header("Authorization", "Bearer " + os.environ["INBOUND_ROUTER_TOKEN"])
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.load(r)


def rt_auth(rt_dir):
    read = lambda name: open(f"{rt_dir}/{name}", encoding="utf-8").read().strip()
    return read("api-user") + ":" + read("api-password")


def rt_search(rt_url, auth, kind, query, fields):
    """Every item of a REST2 search, page by page (transactions report no total, so read until a short page)."""
    items, page = [], 1
    while True:
        url = (f"{rt_url}/REST/2.0/{kind}?per_page=100&page={page}&orderby=id&order=ASC&fields={fields}&query="
               + urllib.parse.quote(query))
        answer = get_json(url, auth)
        batch = answer.get("items") or []
        items.extend(batch)
        if len(batch) < 100:
            return items
        page += 1


def rt_count(rt_url, rt_dir):
    url = f"{rt_url}/REST/2.0/tickets?per_page=1&fields=id&query=" + urllib.parse.quote(f"Queue = '{RT_QUEUE}'")
    return int(get_json(url, rt_auth(rt_dir)).get("total") or 0)


def api_tickets(api_url):
    tickets, offset = [], 0
    while True:
        page = get_json(f"{api_url}/api/tickets?limit=500&offset={offset}")
        tickets.extend(page)
        if len(page) < 500:
            return tickets
        offset += 500


def progress(imap_port, api_url, rt_url, rt_dir):
    out = {}
    try:
        out["unseen"] = unseen(imap_port, "support", "support")
    except Exception as e:
        out["unseen"] = None
        out["unseen_error"] = str(e)
    try:
        tickets = api_tickets(api_url)
        out["tickets"] = len(tickets)
        out["stored"] = sum(t.get("messageCount", 0) for t in tickets)
    except Exception as e:
        out["tickets"] = out["stored"] = None
        out["api_error"] = str(e)
    try:
        out["rt_tickets"] = rt_count(rt_url, rt_dir)
        # paging through every correspondence costs RT a request per 100: only worth it once the tickets are there
        out["rt_correspondence"] = (len(rt_search(rt_url, rt_auth(rt_dir), "transactions", CORRESPOND, "id"))
                                    if out.get("tickets") and out["rt_tickets"] >= out["tickets"] else 0)
    except Exception as e:
        out["rt_tickets"] = out["rt_correspondence"] = None
        out["rt_error"] = str(e)
    return out


def verify(expected_file, api_url, rt_url, rt_dir, out_file):
    expected = []
    with open(expected_file, encoding="utf-8") as f:
        for line in f:
            mid, parent, root, charset = line.rstrip("\n").split("\t")
            expected.append((mid, parent, root))
    expected_ids = {mid for mid, _, _ in expected}
    roots = [mid for mid, parent, _ in expected if not parent]
    replies_by_root = Counter(root for _, parent, root in expected if parent)
    problems = defaultdict(list)

    # (a) the daemon's store, through its API
    tickets = api_tickets(api_url)
    details = {t["id"]: get_json(f"{api_url}/api/tickets/{t['id']}") for t in tickets}
    where = defaultdict(list)  # message-id -> our ticket ids, one entry per stored message
    for tid, t in details.items():
        for m in t.get("messages", []):
            where[m.get("externalId")].append(tid)
    for mid, parent, root in expected:
        n = len(where.get(mid, []))
        if n == 0:
            problems["a_missing_message"].append(mid)
        elif n > 1:
            problems["a_duplicate_message"].append(f"{mid} x{n} in tickets {where[mid]}")
    for ext in where:
        if ext not in expected_ids:
            problems["a_unexpected_message"].append(f"{ext} in tickets {where[ext]}")
    ticket_of_root = {}
    for mid, parent, root in expected:
        if mid not in where or len(where[mid]) != 1:
            continue
        if not parent:
            ticket_of_root[mid] = where[mid][0]
    owners = Counter(ticket_of_root.values())
    for root, tid in ticket_of_root.items():
        if owners[tid] > 1:
            problems["a_roots_sharing_ticket"].append(f"{root} shares ticket #{tid}")
        first = details[tid]["messages"][0].get("externalId") if details[tid].get("messages") else None
        if first != root:
            problems["a_ticket_not_opened_by_root"].append(f"#{tid} opened by {first}, expected {root}")
    for mid, parent, root in expected:
        if parent and len(where.get(mid, [])) == 1 and root in ticket_of_root \
                and where[mid][0] != ticket_of_root[root]:
            problems["a_reply_in_wrong_ticket"].append(f"{mid} in #{where[mid][0]}, its thread is #{ticket_of_root[root]}")
    for tid, t in details.items():
        if t.get("messageCount") != len(t.get("messages", [])):
            problems["a_message_count_mismatch"].append(f"#{tid}: messageCount {t.get('messageCount')}, "
                                                       f"{len(t.get('messages', []))} messages")
    quarantine = get_json(f"{api_url}/api/quarantine?limit=500")
    suppressed = get_json(f"{api_url}/api/suppressed?limit=500")
    for q in quarantine:
        problems["a_quarantined"].append(json.dumps(q, ensure_ascii=False)[:300])
    for s in suppressed:
        problems["a_suppressed"].append(json.dumps(s, ensure_ascii=False)[:300])

    # (b) RT, through REST2
    auth = rt_auth(rt_dir)
    rt_tickets = rt_search(rt_url, auth, "tickets", f"Queue = '{RT_QUEUE}'", "CustomFields")
    by_our_id = defaultdict(list)
    rt_category = {}
    for item in rt_tickets:
        cfs = {cf.get("name"): cf.get("values") or [] for cf in item.get("CustomFields", [])}
        ours = (cfs.get("InboundRouterId") or [""])[0]
        by_our_id[ours].append(int(item["id"]))
        rt_category[int(item["id"])] = (cfs.get("Category") or [""])[0]
    corr = rt_search(rt_url, auth, "transactions", CORRESPOND, "ObjectId")
    corr_per_rt = Counter(int(c["ObjectId"]) for c in corr)
    stale_category = []
    duplicate_appends = []
    for tid, t in details.items():
        rt_ids = by_our_id.get(str(tid), [])
        if not rt_ids:
            problems["b_missing_rt_ticket"].append(f"#{tid}")
            continue
        if len(rt_ids) > 1:
            problems["b_duplicate_rt_ticket"].append(f"#{tid} -> RT {rt_ids}")
        rt_id = rt_ids[0]
        final = t.get("category") or "other"
        seen = {final} | {(m.get("classification") or {}).get("category") for m in t.get("messages", [])}
        got = rt_category.get(rt_id)
        if got != final:
            if got in seen:
                # the sink sets Category at create only: a later message that changed our category is not mirrored
                stale_category.append(f"#{tid} RT {rt_id}: {got}, ours now {final}")
            else:
                problems["b_wrong_category"].append(f"#{tid} RT {rt_id}: {got!r}, expected {final!r}")
        want = len(t.get("messages", [])) - 1
        have = sum(corr_per_rt.get(r, 0) for r in rt_ids)
        if have < want:
            problems["b_missing_correspondence"].append(f"#{tid} RT {rt_id}: {have} of {want}")
        elif have > want:
            duplicate_appends.append(f"#{tid} RT {rt_id}: {have} correspondences for {want} replies")
    for ours, rt_ids in by_our_id.items():
        if not ours.isdigit() or int(ours) not in details:
            problems["b_rt_ticket_without_ours"].append(f"InboundRouterId {ours!r} -> RT {rt_ids}")

    summary = {
        "mails": len(expected),
        "expected_tickets": len(roots),
        "expected_replies": sum(replies_by_root.values()),
        "stored_messages": sum(len(v) for v in where.values()),
        "distinct_message_ids": len(where),
        "tickets": len(details),
        "rt_tickets": len(rt_tickets),
        "rt_correspondence": len(corr),
        "duplicate_messages": len(problems["a_duplicate_message"]),
        "missing_messages": len(problems["a_missing_message"]),
        "duplicate_rt_tickets": len(problems["b_duplicate_rt_ticket"]),
        "missing_rt_tickets": len(problems["b_missing_rt_ticket"]),
        "missing_correspondence": len(problems["b_missing_correspondence"]),
        "duplicate_correspondence": len(duplicate_appends),
        "stale_rt_category": len(stale_category),
        "violations": {k: len(v) for k, v in problems.items() if v},
    }
    with open(out_file, "w", encoding="utf-8") as f:
        json.dump({"summary": summary, "problems": problems, "duplicate_appends": duplicate_appends,
                   "stale_category": stale_category}, f, ensure_ascii=False, indent=1)
    print(json.dumps(summary, ensure_ascii=False))
    for k, v in problems.items():
        for line in v[:10]:
            print(f"VIOLATION {k}: {line}", file=sys.stderr)
        if len(v) > 10:
            print(f"VIOLATION {k}: ... {len(v) - 10} more in {out_file}", file=sys.stderr)
    for line in duplicate_appends[:10]:
        print(f"AT-LEAST-ONCE append repeated: {line}", file=sys.stderr)
    return 1 if any(problems.values()) else 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "unseen" and len(argv) == 5:
        print(unseen(argv[2], argv[3], argv[4]))
    elif cmd == "rt-count" and len(argv) == 4:
        print(rt_count(argv[2], argv[3]))
    elif cmd == "rt-correspondence" and len(argv) == 4:
        print(len(rt_search(argv[2], rt_auth(argv[3]), "transactions", CORRESPOND, "id")))
    elif cmd == "progress" and len(argv) == 6:
        print(json.dumps(progress(*argv[2:6])))
    elif cmd == "verify" and len(argv) == 7:
        return verify(*argv[2:7])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
