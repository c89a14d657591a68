# stress.sh — what the stress suites share: sizes, a database with people,
# a platform, a pool of items with messages and one hot item, and the checks
# that compare the workers' own logs with the database.
# Source it after tests/lib/tap.sh; STRESS_LIB is this directory.

# Sizes: CHORUS_STRESS=full for `make stress`, the quick ones for `make check`.
# Any size can be forced with STRESS_N, STRESS_M, STRESS_K, STRESS_KILLS.
stress_full() { [ "${CHORUS_STRESS:-}" = full ]; }

# sql_q DB QUERY: one value from the sqlite3 shell (waits for locks).
sql_q() { sqlite3 -batch -noheader -cmd '.timeout 10000' "$1" "$2"; }

# stress_setup DB MODE NPROC POOL: a fresh database in MODE with people p1..pN
# (editor, creator, publisher), platform "linkedin", POOL items in the inbox
# each with one message (pool file: "CONTENT-ID MESSAGE-ID" lines, in
# $DB.pool), and one hot item whose body is the counter 0 (its id in $DB.hot).
stress_setup() {
	local db=$1 mode=$2 n=$3 pool=$4 i id mid
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal" "$db.pool" "$db.hot"
	rm -rf "$db.lock"
	"$CHORUS" --db "$db" init --org "Stress BV" --mode "$mode" >/dev/null || return 1
	# No command adds a platform yet (strategy import); the suite owns this file.
	sql_q "$db" "INSERT INTO platforms(key, name) VALUES('linkedin', 'LinkedIn')" || return 1
	i=1
	while [ "$i" -le "$n" ]; do
		"$CHORUS" --db "$db" people add "p$i" --name "Worker $i" --roles editor,creator,publisher \
			>/dev/null || return 1
		i=$((i + 1))
	done
	i=1
	while [ "$i" -le "$pool" ]; do
		id=$("$CHORUS" --db "$db" submit --title "pool-$i" --body "pool item $i") || return 1
		mid=$("$CHORUS" --db "$db" message add "$id" --platform linkedin --text "pool message $i") || return 1
		echo "$id $mid" >>"$db.pool"
		i=$((i + 1))
	done
	"$CHORUS" --db "$db" submit --title hot --body 0 >"$db.hot" || return 1
}

# stress_workers DB OUTDIR N M K [DB2]: start N workers of M operations and K
# versioned increments each, all at once; wait for all of them.  With DB2
# (another path to the same file, e.g. a second mount) even workers use it.
stress_workers() {
	local db=$1 out=$2 n=$3 m=$4 k=$5 db2=${6:-$1} i pids=""
	mkdir -p "$out"
	i=1
	while [ "$i" -le "$n" ]; do
		sh "$STRESS_LIB/worker.sh" "$i" "$m" "$k" "$([ $((i % 2)) = 0 ] && echo "$db2" || echo "$db")" "$out/w$i.log" &
		pids="$pids $!"
		i=$((i + 1))
	done
	for p in $pids; do
		wait "$p"
	done
}

# stress_expect DB OUTDIR: the workers' logs as tables in OUTDIR/expect.db.
stress_expect() {
	local db=$1 out=$2
	rm -f "$out/expect.db"
	{
		echo "BEGIN;"
		echo "CREATE TABLE op(worker INTEGER, kind TEXT, a TEXT, b TEXT, c TEXT);"
		for f in "$out"/w*.log; do
			w=$(basename "$f" .log)
			w=${w#w}
			awk -v w="$w" -v q="'" '
				{ gsub(q, "", $0) }
				NF >= 1 { printf "INSERT INTO op VALUES(%s, %s%s%s, %s%s%s, %s%s%s, %s%s%s);\n",
					w, q, $1, q, q, $2, q, q, $3, q, q, $4, q }' "$f"
		done
		echo "COMMIT;"
	} | sqlite3 -batch "$out/expect.db"
}

# stress_check NAME DB OUTDIR QUERY WANT: one comparison of the logs (attached
# as x) with the database.
stress_check() {
	local name=$1 db=$2 out=$3 q=$4 want=$5 got
	got=$(sqlite3 -batch -noheader "$db" "ATTACH '$out/expect.db' AS x; $q" 2>&1)
	if [ "$got" = "$want" ]; then
		ok "$name"
	else
		not_ok "$name" "got: $(printf '%s' "$got" | head -5 | tr '\n' ' ')" "want: $want"
	fi
}

# stress_verify LABEL DB OUTDIR N K: everything the workers saw succeed is in
# the database exactly once; nothing they saw fail is; the hot counter is N*K.
stress_verify() {
	local l=$1 db=$2 out=$3 n=$4 k=$5 hot bad
	hot=$(cat "$db.hot")
	stress_expect "$db" "$out"
	check "$l: integrity_check ok" [ "$(sql_q "$db" 'PRAGMA integrity_check')" = ok ]
	check "$l: foreign_key_check clean" [ -z "$(sql_q "$db" 'PRAGMA foreign_key_check')" ]
	bad=$(cat "$out"/w*.log | grep '^BAD' | head -5)
	if [ -z "$bad" ]; then
		ok "$l: every failure was busy (exit 3) or a rule refusal (exit 1)"
	else
		not_ok "$l: every failure was busy (exit 3) or a rule refusal (exit 1)" "$bad"
	fi
	check "$l: every worker finished its log" \
		[ "$(sqlite3 "$out/expect.db" "SELECT count(*) FROM op WHERE kind = 'done'")" = "$n" ]

	# Submissions: each acknowledged id has its title, its one media file and
	# its one submit event; a failed submission left nothing.
	stress_check "$l: each acknowledged submission is there with its title" "$db" "$out" \
		"SELECT count(*) FROM x.op o LEFT JOIN content c ON c.id = o.a
		 WHERE o.kind = 'submit' AND c.title IS NOT o.b" 0
	stress_check "$l: no submission is there twice, none that failed is there" "$db" "$out" \
		"SELECT (SELECT count(*) FROM content WHERE title GLOB 'w[0-9]*-[0-9]*')
		      - (SELECT count(*) FROM x.op WHERE kind = 'submit')" 0
	stress_check "$l: each submission has exactly its media and its event" "$db" "$out" \
		"SELECT count(*) FROM x.op o WHERE o.kind = 'submit' AND (
		   (SELECT count(*) FROM content_media m WHERE m.content_id = o.a AND m.path GLOB '*/' || o.b || '.jpg') != 1
		   OR (SELECT count(*) FROM content_media m WHERE m.content_id = o.a) != 1
		   OR (SELECT count(*) FROM events e WHERE e.entity = 'content' AND e.entity_id = o.a
		       AND e.action = 'submit') != 1)" 0
	stress_check "$l: submissions are by the worker who made them" "$db" "$out" \
		"SELECT count(*) FROM x.op o JOIN content c ON c.id = o.a JOIN people p ON p.id = c.creator_id
		 WHERE o.kind = 'submit' AND p.login != 'p' || o.worker" 0

	# Comments: each acknowledged one once, on its item, by its worker; the
	# failed ones nowhere.
	stress_check "$l: each acknowledged comment is there once, on its item" "$db" "$out" \
		"SELECT count(*) FROM x.op o WHERE o.kind = 'comment' AND
		 (SELECT count(*) FROM comments c JOIN people p ON p.id = c.person_id
		  WHERE c.body = o.b AND c.content_id = o.a AND p.login = 'p' || o.worker) != 1" 0
	stress_check "$l: comments in the database = comments acknowledged" "$db" "$out" \
		"SELECT (SELECT count(*) FROM comments WHERE body GLOB 'c-w*')
		      - (SELECT count(*) FROM x.op WHERE kind = 'comment')" 0
	stress_check "$l: comment events = comments" "$db" "$out" \
		"SELECT (SELECT count(*) FROM events WHERE action = 'comment')
		      - (SELECT count(*) FROM comments)" 0

	# Shares: each acknowledged id is there with its message and its worker.
	stress_check "$l: each acknowledged share is there with its message" "$db" "$out" \
		"SELECT count(*) FROM x.op o LEFT JOIN shares s ON s.id = o.a LEFT JOIN people p ON p.id = s.person_id
		 WHERE o.kind = 'share' AND (s.message_id IS NOT CAST(o.b AS INTEGER) OR p.login IS NOT 'p' || o.worker)" 0
	stress_check "$l: shares in the database = shares acknowledged" "$db" "$out" \
		"SELECT (SELECT count(*) FROM shares) - (SELECT count(*) FROM x.op WHERE kind = 'share')" 0
	stress_check "$l: share events = shares" "$db" "$out" \
		"SELECT (SELECT count(*) FROM events WHERE entity = 'share' AND action = 'share')
		      - (SELECT count(*) FROM shares)" 0

	# Moves: per worker and kind, the events the database recorded are the
	# moves the worker saw succeed.
	stress_check "$l: take/approve/back events per worker = the moves each saw succeed" "$db" "$out" \
		"WITH got AS (SELECT p.login AS who, e.action AS kind, count(*) AS n FROM events e
		   JOIN people p ON p.id = COALESCE(e.on_behalf_id, e.actor_id)
		   WHERE e.action IN ('take', 'approve', 'back') AND p.login GLOB 'p[0-9]*' GROUP BY 1, 2),
		 want AS (SELECT 'p' || worker AS who, kind, count(*) AS n FROM x.op
		   WHERE kind IN ('take', 'approve', 'back') GROUP BY 1, 2)
		 SELECT count(*) FROM (SELECT * FROM got EXCEPT SELECT * FROM want
		   UNION ALL SELECT * FROM want EXCEPT SELECT * FROM got)" 0
	# Every item's moves chain: each starts where the one before ended, the
	# last ends in its stage now; its version counts every change.
	stress_check "$l: every item's stage history is one unbroken chain" "$db" "$out" \
		"WITH mv AS (SELECT entity_id AS id, json_extract(detail, '$.from') AS f,
		   json_extract(detail, '$.to') AS t,
		   lag(json_extract(detail, '$.to'), 1, 'inbox') OVER (PARTITION BY entity_id ORDER BY id) AS prev
		   FROM events WHERE entity = 'content' AND json_extract(detail, '$.from') IS NOT NULL)
		 SELECT count(*) FROM mv WHERE f IS NOT prev" 0
	stress_check "$l: every item's last move ends in its stage" "$db" "$out" \
		"SELECT count(*) FROM content c WHERE c.stage IS NOT COALESCE(
		   (SELECT json_extract(detail, '$.to') FROM events WHERE entity = 'content' AND entity_id = c.id
		    AND json_extract(detail, '$.from') IS NOT NULL ORDER BY id DESC LIMIT 1), 'inbox')" 0
	stress_check "$l: every item's version = 1 + its changes" "$db" "$out" \
		"SELECT count(*) FROM content c WHERE c.version != 1 + (SELECT count(*) FROM events e
		   WHERE e.entity = 'content' AND e.entity_id = c.id
		   AND e.action IN ('take','approve','reject','back','archive','restore','share','shared','edit','pillar','campaign'))" 0

	# The hot row: N*K versioned increments, none lost, none doubled.
	stress_check "$l: hot counter = N x K = $((n * k))" "$db" "$out" \
		"SELECT body FROM content WHERE id = $hot" "$((n * k))"
	stress_check "$l: hot item version = 1 + N x K" "$db" "$out" \
		"SELECT version FROM content WHERE id = $hot" "$((1 + n * k))"
	stress_check "$l: each counter value was written by exactly one worker" "$db" "$out" \
		"SELECT count(DISTINCT CAST(a AS INTEGER)) || ' ' || min(CAST(a AS INTEGER)) || ' ' || max(CAST(a AS INTEGER))
		 FROM x.op WHERE kind = 'incr'" "$((n * k)) 1 $((n * k))"
	stress_check "$l: hot edit events = N x K" "$db" "$out" \
		"SELECT count(*) FROM events WHERE entity = 'content' AND entity_id = $hot AND action = 'edit'" "$((n * k))"
	stress_check "$l: meta.revision counted every acknowledged write" "$db" "$out" \
		"SELECT CAST(value AS INTEGER) >= (SELECT count(*) FROM x.op WHERE kind IN
		   ('submit', 'take', 'approve', 'back', 'comment', 'share', 'incr')) FROM meta WHERE key = 'revision'" 1
}

# stress_summary OUTDIR: one comment line with what the workers did.
stress_summary() {
	cat "$1"/w*.log | awk '{ n[$1]++ } END { s = ""; for (k in n) s = s " " k "=" n[k]; print "# ops:" s }'
}
