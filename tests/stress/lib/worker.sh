# worker.sh ID M K DB LOG — one stress worker, acting as person pID through
# the command line: M random operations on the shared pool (submit, take,
# approve, back, comment, log a share) and K versioned increments of the hot
# item's counter (read its version, write counter+1 with --version, retry on
# a conflict).  It appends to LOG, one line per acknowledged operation:
#   submit ID TITLE | take CID | approve CID | back CID | comment CID TEXT |
#   share SID MID | incr VALUE VERSION
# and one per failure: "refused OP", "busy OP", or "BAD OP rc=N message" for
# anything that is neither a rule refusal (exit 1) nor busy (exit 3).
# The last line is "done".
id=$1 m=$2 k=$3 db=$4 log=$5
: "${CHORUS:?}"
hot=$(cat "$db.hot")
npool=0
while read -r c mm; do
	eval "PC_$npool=$c PM_$npool=$mm"
	npool=$((npool + 1))
done <"$db.pool"
errf="$log.err"
# Media files to submit: submit checks that each one is a readable file.
mdir="$log.media"
mkdir -p "$mdir"
R=$((id * 7919 + $$))

# rnd N: RN = a pseudo-random number in 0..N-1.
rnd() {
	R=$(((R * 1103515245 + 12345) % 2147483648))
	RN=$((R / 65536 % $1))
}

# pick: CID and MID of a random pool item.
pick() {
	rnd "$npool"
	eval "CID=\$PC_$RN MID=\$PM_$RN"
}

# ch ARGS...: chorus as pID; OUT, ERR, RC.
ch() {
	OUT=$("$CHORUS" --db "$db" --as "p$id" "$@" 2>"$errf" </dev/null)
	RC=$?
	ERR=$(cat "$errf")
}

# failed OP REFUSAL-OK: classify a non-zero exit.
failed() {
	case $ERR in
	*Sanitizer*|*"runtime error:"*)
		echo "BAD $1 rc=$RC $(printf '%s' "$ERR" | head -3 | tr '\n' ' ')" >>"$log"
		return ;;
	esac
	if [ "$RC" = 3 ]; then
		case $ERR in
		*busy*) echo "busy $1" >>"$log"; return ;;
		*changed*) echo "conflict $1" >>"$log"; return ;;
		esac
	elif [ "$RC" = 1 ] && [ "$2" = 1 ]; then
		case $ERR in
		*"cannot be "*) echo "refused $1" >>"$log"; return ;;
		esac
	fi
	echo "BAD $1 rc=$RC $(printf '%s' "$ERR" | head -3 | tr '\n' ' ')" >>"$log"
}

# clean: a successful run must not have printed a sanitizer report either.
clean() {
	case $ERR in
	*Sanitizer*|*"runtime error:"*)
		echo "BAD $1 rc=0 $(printf '%s' "$ERR" | head -3 | tr '\n' ' ')" >>"$log"
		return 1 ;;
	esac
	return 0
}

incr() {
	local tries=0 v body
	while [ "$tries" -lt 2000 ]; do
		tries=$((tries + 1))
		ch content show "$hot"
		if [ "$RC" != 0 ]; then
			failed show 0
			[ "$RC" = 3 ] && continue
			return
		fi
		v=$(printf '%s\n' "$OUT" | sed -n 's/^version: *//p')
		body=$(printf '%s\n' "$OUT" | awk 'f { print; exit } /^$/ { f = 1 }')
		ch content edit "$hot" --body "$((body + 1))" --version "$v"
		if [ "$RC" = 0 ]; then
			clean incr && echo "incr $((body + 1)) $v" >>"$log"
			return
		fi
		failed edit 0
		[ "$RC" = 3 ] || return
	done
	echo "BAD incr gave up after $tries tries" >>"$log"
}

n=0 done_incr=0
while [ "$n" -lt "$m" ]; do
	n=$((n + 1))
	rnd 100
	if [ "$RN" -lt 25 ]; then
		t="w$id-$n"
		: >"$mdir/$t.jpg"
		ch submit --title "$t" --body "from worker $id" --media "$mdir/$t.jpg"
		if [ "$RC" = 0 ]; then clean submit && echo "submit $OUT $t" >>"$log"; else failed submit 0; fi
	elif [ "$RN" -lt 40 ]; then
		pick
		ch content take "$CID"
		if [ "$RC" = 0 ]; then clean take && echo "take $CID" >>"$log"; else failed take 1; fi
	elif [ "$RN" -lt 52 ]; then
		pick
		ch content approve "$CID"
		if [ "$RC" = 0 ]; then clean approve && echo "approve $CID" >>"$log"; else failed approve 1; fi
	elif [ "$RN" -lt 65 ]; then
		pick
		ch content back "$CID"
		if [ "$RC" = 0 ]; then clean back && echo "back $CID" >>"$log"; else failed back 1; fi
	elif [ "$RN" -lt 82 ]; then
		pick
		t="c-w$id-$n"
		ch content comment "$CID" "$t"
		if [ "$RC" = 0 ]; then clean comment && echo "comment $CID $t" >>"$log"; else failed comment 0; fi
	else
		pick
		ch shares log "$MID"
		if [ "$RC" = 0 ]; then clean share && echo "share $OUT $MID" >>"$log"; else failed share 1; fi
	fi
	while [ $((n * k / m)) -gt "$done_incr" ]; do
		done_incr=$((done_incr + 1))
		incr
	done
done
rm -f "$errf"
echo done >>"$log"
