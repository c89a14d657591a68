# writer.sh DB LOG TAG BODYFILE — write until killed: submissions with six
# media files and a long body, each followed by a comment on it.  A line goes
# to LOG only after chorus exited 0 ("submit ID TITLE", "comment CID TEXT"),
# so every line is an acknowledged write that must survive a kill -9.
db=$1 log=$2 tag=$3 body=$4
: "${CHORUS:?}"
# Media files to submit: submit checks that each one is a readable file.
m="$log.media"
mkdir -p "$m"
n=0
while :; do
	n=$((n + 1))
	t="$tag-$n"
	for k in 1 2 3 4 5 6; do : >"$m/$t-$k.jpg"; done
	if id=$("$CHORUS" --db "$db" submit --title "$t" --body-file "$body" \
		--media "$m/$t-1.jpg" --media "$m/$t-2.jpg" --media "$m/$t-3.jpg" \
		--media "$m/$t-4.jpg" --media "$m/$t-5.jpg" --media "$m/$t-6.jpg" 2>/dev/null); then
		echo "submit $id $t" >>"$log"
		if "$CHORUS" --db "$db" content comment "$id" "note-$t" >/dev/null 2>&1; then
			echo "comment $id note-$t" >>"$log"
		fi
	fi
done
