# sshfs.sh — two "machines" on one host: a private sshd on loopback and one
# server directory mounted twice with sshfs.  Source it after tests/lib/tap.sh.
#
#   sshfs_ready            0 when sshd, sshfs and FUSE can be used (installing
#                          openssh-server and sshfs with apt-get when missing and
#                          root); else 1 with the reason in SSHFS_WHY
#   sshfs_start DIR        start sshd (a free port on 127.0.0.1, its own keys and
#                          config under DIR); 1 and SSHFS_WHY when it cannot
#   sshfs_mount SRC MNT [OPTIONS]   mount SRC on MNT (20 s at most)
#   sshfs_mount_fstab SRC MNT OPTIONS   the same with mount -t fuse.sshfs
#   sshfs_cleanup          unmount everything mounted here, stop the sshd
#
# Nothing here can hang: every ssh, sshfs, mount and apt step has a timeout,
# the sshd dies by itself after SSHFS_LIFETIME seconds even if this shell is
# killed, and the mounts use ServerAlive so a dead server fails requests.
SSHFS_WHY=""
SSHFS_PORT=""
SSHFS_PID=""
SSHFS_DIR=""
SSHFS_MOUNTS=""
SSHFS_LIFETIME=${SSHFS_LIFETIME:-1800}
# (SSHFS_SSHD: another sshd binary; a missing one shows the skip path)
SSHD=${SSHFS_SSHD:-/usr/sbin/sshd}

sshfs_fusermount() {
	command -v fusermount3 2>/dev/null || command -v fusermount 2>/dev/null
}

# sshfs_install: openssh-server and sshfs from Debian, quietly; the system's
# sshd service is never started (policy-rc.d says no while we install).
sshfs_install() {
	local log="$T_DIR/apt.log" policy=/usr/sbin/policy-rc.d made=""
	if [ "$(id -u)" != 0 ]; then
		SSHFS_WHY="sshd or sshfs is not installed and installing them needs root (running as $(id -un))"
		return 1
	fi
	if ! command -v apt-get >/dev/null; then
		SSHFS_WHY="sshd or sshfs is not installed and there is no apt-get to install them"
		return 1
	fi
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\n# chorus tests/stress/share.sh: start no service while installing\nexit 101\n' >"$policy" &&
			chmod 755 "$policy" && made=1
	fi
	set -- -y -q -o DPkg::Lock::Timeout=120 -o Dpkg::Use-Pty=0 install --no-install-recommends openssh-server sshfs
	if ! DEBIAN_FRONTEND=noninteractive timeout 600 apt-get "$@" >"$log" 2>&1 </dev/null; then
		# The package lists may be missing or old: fetch them, once, and try again.
		DEBIAN_FRONTEND=noninteractive timeout 300 apt-get -q update >>"$log" 2>&1 </dev/null
		DEBIAN_FRONTEND=noninteractive timeout 600 apt-get "$@" >>"$log" 2>&1 </dev/null
	fi
	[ -n "$made" ] && rm -f "$policy"
	if [ ! -x "$SSHD" ] || ! command -v sshfs >/dev/null; then
		SSHFS_WHY="could not install openssh-server and sshfs with apt-get: $(grep -E '^(E|W):' "$log" | head -n 2 | tr '\n' ' ')"
		return 1
	fi
	return 0
}

sshfs_ready() {
	if [ ! -c /dev/fuse ]; then
		SSHFS_WHY="no FUSE: /dev/fuse is missing (a container without the fuse device?)"
		return 1
	fi
	if { [ ! -x "$SSHD" ] || ! command -v sshfs >/dev/null || ! command -v ssh-keygen >/dev/null; } &&
	   ! sshfs_install; then
		return 1
	fi
	if [ -z "$(sshfs_fusermount)" ]; then
		SSHFS_WHY="no fusermount3 or fusermount to unmount with"
		return 1
	fi
	# (libfuse opens /dev/fuse itself before any fusermount helps)
	if ! [ -r /dev/fuse ] || ! [ -w /dev/fuse ]; then
		SSHFS_WHY="no FUSE for $(id -un): /dev/fuse is $(ls -l /dev/fuse | cut -d' ' -f1,3,4), not readable and writable by $(id -un)"
		return 1
	fi
	return 0
}

# sshfs_port: a random port in 20000..59999.
sshfs_port() {
	echo $((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
}

sshfs_start() {
	local dir=$1 me tries=0 n
	SSHFS_DIR=$dir
	me=$(id -un)
	mkdir -p "$dir" && chmod 700 "$dir" || { SSHFS_WHY="cannot make $dir"; return 1; }
	if ! timeout 30 ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key" </dev/null ||
	   ! timeout 30 ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key" </dev/null; then
		SSHFS_WHY="ssh-keygen failed"
		return 1
	fi
	cp "$dir/client_key.pub" "$dir/authorized_keys"
	# sshd as root wants its privilege-separation directory.
	[ "$(id -u)" = 0 ] && [ ! -d /run/sshd ] && mkdir -p /run/sshd && chmod 755 /run/sshd
	while [ "$tries" -lt 10 ]; do
		tries=$((tries + 1))
		SSHFS_PORT=$(sshfs_port)
		cat >"$dir/sshd_config" <<-EOF
		Port $SSHFS_PORT
		ListenAddress 127.0.0.1
		HostKey $dir/host_key
		AuthorizedKeysFile $dir/authorized_keys
		PidFile $dir/sshd.pid
		AllowUsers $me
		PermitRootLogin prohibit-password
		PubkeyAuthentication yes
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		UsePAM no
		StrictModes no
		X11Forwarding no
		AllowTcpForwarding no
		PrintMotd no
		ClientAliveInterval 5
		ClientAliveCountMax 3
		Subsystem sftp internal-sftp
		EOF
		: >"$dir/sshd.log"
		# -D: no daemon, so its pid is ours; timeout: gone by itself in the end.
		timeout "$SSHFS_LIFETIME" "$SSHD" -D -f "$dir/sshd_config" -E "$dir/sshd.log" </dev/null >/dev/null 2>&1 &
		SSHFS_PID=$!
		n=0
		while [ "$n" -lt 50 ] && sshfs_alive "$SSHFS_PID" &&
		      ! grep -q "Server listening" "$dir/sshd.log"; do
			sleep 0.1
			n=$((n + 1))
		done
		# (whether we can log in, the first mount tells)
		grep -q "Server listening" "$dir/sshd.log" && sshfs_alive "$SSHFS_PID" && return 0
		sshfs_stop
		grep -qi "address already in use\|bind" "$dir/sshd.log" && continue
		SSHFS_WHY="sshd did not start: $(tail -n 3 "$dir/sshd.log" | tr '\n' ' ')"
		return 1
	done
	SSHFS_WHY="no free port for sshd after $tries tries"
	return 1
}

# The ssh options both ssh and sshfs use: our key, no known_hosts, no prompt.
sshfs_ssh_opts() {
	echo "-F /dev/null -o IdentityFile=$SSHFS_DIR/client_key -o IdentitiesOnly=yes \
-o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no -o BatchMode=yes \
-o ConnectTimeout=10 -o ServerAliveInterval=5 -o ServerAliveCountMax=3 -o LogLevel=ERROR"
}

# sshfs_mount SRC MNT [EXTRA-OPTIONS [HOST]]: mount HOST:SRC (HOST: LOGIN@127.0.0.1)
# on MNT (relative to the current directory if it is relative, as people type
# it); 0 when mounted; else 1, SSHFS_WHY.
sshfs_mount() {
	local src=$1 mnt=$2 extra=${3:-} host=${4:-$(id -un)@127.0.0.1} abs=$2
	case $mnt in /*) ;; *) abs=$PWD/$mnt ;; esac
	mkdir -p "$mnt"
	# (as mountinfo shows it: through any symlink above it)
	abs=$(cd "$(dirname "$abs")" && pwd -P)/$(basename "$abs")
	# shellcheck disable=SC2046
	if ! timeout 30 sshfs -p "$SSHFS_PORT" $(sshfs_ssh_opts) ${extra:+-o "$extra"} \
		"$host:$src" "$mnt" </dev/null >"$SSHFS_DIR/sshfs.err" 2>&1; then
		SSHFS_WHY="sshfs could not mount $src on $mnt: $(head -n 3 "$SSHFS_DIR/sshfs.err" | tr '\n' ' ')(sshd: $(tail -n 2 "$SSHFS_DIR/sshd.log" | tr '\n' ' '))"
		return 1
	fi
	SSHFS_MOUNTS="$SSHFS_MOUNTS $abs"
	if ! grep -q " $abs .* - fuse.sshfs " /proc/self/mountinfo; then
		SSHFS_WHY="sshfs said it mounted $abs, but /proc/self/mountinfo does not list it"
		return 1
	fi
	return 0
}

# sshfs_mount_fstab SRC MNT OPTIONS: the same the way /etc/fstab does it,
# mount -t fuse.sshfs LOGIN@127.0.0.1:SRC MNT -o OPTIONS (mount(8) then starts
# sshfs as /sbin/mount.fuse.sshfs).
sshfs_mount_fstab() {
	local src=$1 mnt=$2 extra=$3
	mkdir -p "$mnt"
	if ! timeout 30 mount -t fuse.sshfs -o "$extra,port=$SSHFS_PORT,IdentityFile=$SSHFS_DIR/client_key,IdentitiesOnly=yes,UserKnownHostsFile=/dev/null,StrictHostKeyChecking=no,BatchMode=yes,ConnectTimeout=10,ServerAliveInterval=5,ServerAliveCountMax=3,LogLevel=ERROR" \
		"$(id -un)@127.0.0.1:$src" "$mnt" </dev/null >"$SSHFS_DIR/sshfs.err" 2>&1; then
		SSHFS_WHY="mount -t fuse.sshfs could not mount $src on $mnt: $(head -n 3 "$SSHFS_DIR/sshfs.err" | tr '\n' ' ')"
		return 1
	fi
	SSHFS_MOUNTS="$SSHFS_MOUNTS $mnt"
	return 0
}

# sshfs_unmount MNT: unmount, lazily when something still holds it.
sshfs_unmount() {
	local fm
	fm=$(sshfs_fusermount)
	grep -q " $1 " /proc/self/mountinfo 2>/dev/null || return 0
	timeout 20 "$fm" -u "$1" 2>/dev/null || timeout 20 "$fm" -uz "$1" 2>/dev/null ||
		timeout 20 umount -l "$1" 2>/dev/null
}

# sshfs_alive PID: running, not a zombie waiting for us.
sshfs_alive() {
	[ -e "/proc/$1" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null
}

sshfs_stop() {
	if [ -n "$SSHFS_PID" ]; then
		kill -TERM "$SSHFS_PID" 2>/dev/null
		local n=0
		while sshfs_alive "$SSHFS_PID" && [ "$n" -lt 30 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		kill -9 "$SSHFS_PID" 2>/dev/null
		wait "$SSHFS_PID" 2>/dev/null
		SSHFS_PID=""
	fi
}

sshfs_cleanup() {
	local m
	for m in $SSHFS_MOUNTS; do
		sshfs_unmount "$m"
	done
	SSHFS_MOUNTS=""
	sshfs_stop
}

# sshfs_suite_end [WATCHDOG-PID]: the end of a suite's EXIT trap, once its own
# processes are gone: unmount, stop sshd and the watchdog, and remove $T_DIR
# unless something is still mounted under it (never rm -rf through a mount).
sshfs_suite_end() {
	sshfs_cleanup
	[ -n "${1:-}" ] && kill -TERM "-$1" 2>/dev/null
	if grep -q " $T_DIR/" /proc/self/mountinfo 2>/dev/null; then
		echo "# $T_DIR kept: something is still mounted under it"
	else
		rm -rf "$T_DIR"
	fi
}

# sshfs_skip_all REASON: the whole suite is one skipped test, with its reason.
sshfs_skip_all() {
	echo "ok 1 # SKIP $1"
	echo "1..1"
	exit 0
}

# sshfs_two_machines LIMIT OPTIONS: the setup of a suite — a watchdog that
# ends this shell after LIMIT seconds whatever hangs (its pid in WD), sshd,
# a server directory SRV=$T_DIR/server and two mounts of it, M1 and M2, with
# OPTIONS.  Skips the whole suite, with the reason, when any of it cannot be.
sshfs_two_machines() {
	sshfs_ready || sshfs_skip_all "$SSHFS_WHY"
	setsid sh -c 'sleep "$1" && kill -TERM "$2"' watchdog "$1" "$$" </dev/null >/dev/null 2>&1 &
	WD=$!
	sshfs_start "$T_DIR/ssh" || sshfs_skip_all "$SSHFS_WHY"
	SRV=$T_DIR/server
	M1=$T_DIR/m1
	M2=$T_DIR/m2
	mkdir -p "$SRV"
	sshfs_mount "$SRV" "$M1" "$2" || sshfs_skip_all "$SSHFS_WHY"
	sshfs_mount "$SRV" "$M2" "$2" || sshfs_skip_all "$SSHFS_WHY"
}
