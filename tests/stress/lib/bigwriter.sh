# bigwriter.sh DB LOG TAG BODYFILE N — big transactions: N rounds (0: until
# killed) of a submission with BODYFILE as its body and a 120-row people
# import (logins TAG-R-pNNN).  One line per outcome in LOG, written only after
# chorus exited: "submit ID TITLE", "import TAG-R" when acknowledged (exit 0);
# "busy OP WHAT" for exit 3 (busy, or the lock taken from it: nothing saved);
# "BAD OP rc=N message" for anything else.  "done" at the end.
# CHORUS_PREFIX (e.g. "unshare --pid --fork") runs each chorus as another
# machine would.
db=$1 log=$2 tag=$3 body=$4 n=$5
: "${CHORUS:?}"
csv="$log.csv"
errf="$log.err"
r=0
while [ "$n" = 0 ] || [ "$r" -lt "$n" ]; do
	r=$((r + 1))
	t="$tag-$r"
	out=$($CHORUS_PREFIX "$CHORUS" --db "$db" submit --title "$t-s" --body-file "$body" 2>"$errf" </dev/null)
	rc=$?
	case $rc in
	0) echo "submit $out $t-s" >>"$log" ;;
	3) echo "busy submit $t-s" >>"$log" ;;
	*) echo "BAD submit rc=$rc $(head -c 300 "$errf" | tr '\n' ' ')" >>"$log" ;;
	esac
	awk -v t="$t" 'BEGIN { print "login,name,team,roles"
		for (i = 1; i <= 120; i++) printf "%s-p%03d,Person %d of %s,Team %s,publisher\n", t, i, i, t, t }' >"$csv"
	$CHORUS_PREFIX "$CHORUS" --db "$db" people import "$csv" >/dev/null 2>"$errf" </dev/null
	rc=$?
	case $rc in
	0) echo "import $t" >>"$log" ;;
	3) echo "busy import $t" >>"$log" ;;
	*) echo "BAD import rc=$rc $(head -c 300 "$errf" | tr '\n' ' ')" >>"$log" ;;
	esac
done
echo done >>"$log"
