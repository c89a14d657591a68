# concurrency.sh — many chorus processes writing one database at once, in
# local mode (WAL) and in share mode (rollback journal, share-mode lock, a
# connection per transaction).  Each worker logs what it saw succeed; then the
# database must pass integrity_check and hold every acknowledged operation
# exactly once, nothing that failed, and a hot counter that N workers each
# incremented K times through versioned edits must read N x K.
# Sizes: quick by default (make check); CHORUS_STRESS=full for make stress.
. tests/lib/tap.sh
STRESS_LIB=$(cd "$(dirname "$0")/lib" && pwd)
. "$STRESS_LIB/stress.sh"
export CHORUS
# A busy database is waited for this long before a command gives up (exit 3).
export CHORUS_BUSY_MS=${CHORUS_BUSY_MS:-10000}

if stress_full; then
	N=${STRESS_N:-16} M=${STRESS_M:-500} K=${STRESS_K:-10} POOL=24
	SN=${STRESS_SHARE_N:-8} SM=${STRESS_SHARE_M:-100} SK=${STRESS_SHARE_K:-5}
	BN=${STRESS_BUSY_N:-8} BM=${STRESS_BUSY_M:-60} BK=${STRESS_BUSY_K:-3}
else
	N=${STRESS_N:-4} M=${STRESS_M:-16} K=${STRESS_K:-3} POOL=6
	SN=${STRESS_SHARE_N:-3} SM=${STRESS_SHARE_M:-8} SK=${STRESS_SHARE_K:-2}
	BN=${STRESS_BUSY_N:-3} BM=${STRESS_BUSY_M:-6} BK=${STRESS_BUSY_K:-1}
fi

# The *-busy phases give up waiting at once (CHORUS_BUSY_MS=1), so
# that many commands fail busy: every such failure must be a clean exit 3
# that left nothing behind, wherever in the command it happened.
for phase in ${STRESS_PHASES:-local share local-busy share-busy}; do
	mode=${phase%-busy}
	busy=$CHORUS_BUSY_MS
	case $phase in
	local) n=$N m=$M k=$K ;;
	share) n=$SN m=$SM k=$SK ;;
	*) n=$BN m=$BM k=$BK busy=${STRESS_BUSY_MS:-1} ;;
	esac
	db="$T_DIR/$phase.db"
	out="$T_DIR/$phase.out"
	# One database set up per mode, copied for each phase (the setup runs
	# chorus some 40 times: slow under the sanitizers).
	tmpl="$T_DIR/template-$mode.db"
	if [ ! -s "$tmpl" ]; then
		most=$N
		[ "$mode" = share ] && most=$SN
		[ "$BN" -gt "$most" ] && most=$BN
		if ! stress_setup "$tmpl" "$mode" "$most" "$POOL"; then
			not_ok "$phase: setting up the database"
			continue
		fi
	fi
	for f in "" .pool .hot; do
		cp "$tmpl$f" "$db$f"
	done
	check "$phase: a database with $n workers, a pool of $POOL items and a hot item" \
		[ "$(sql_q "$db" "SELECT count(*) FROM people WHERE login GLOB 'p[0-9]*'")" -ge "$n" ]
	start=$(date +%s)
	CHORUS_BUSY_MS=$busy stress_workers "$db" "$out" "$n" "$m" "$k"
	echo "# $phase: $n workers x $m operations + $k increments in $(($(date +%s) - start)) s (busy timeout $busy ms)"
	stress_summary "$out"
	stress_verify "$phase" "$db" "$out" "$n" "$k"
	ch --db "$db" doctor
	expect "$phase: doctor finds the database healthy" 0 "" "integrity      ok"
	if [ "$mode" = share ]; then
		check "$phase: no dot-file lock left behind" [ ! -e "$db.lock" ]
		check "$phase: no hot journal left behind" [ ! -e "$db-journal" ]
	fi
done
finish
