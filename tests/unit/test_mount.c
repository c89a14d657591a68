/* test_mount.c — how chorus judges the mount under a share-mode file: the
 * mount found in /proc/self/mountinfo, and the caching options that make a
 * machine read stale pages (NFS nocto, SMB cache=loose) or that it cannot see
 * (an sshfs mount whose process is not visible).  tests/stress/share.sh
 * checks the same over real sshfs mounts. */
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "unit.h"

static struct store_mount mount_as(const char *type, const char *point, const char *options)
{
	struct store_mount m;
	memset(&m, 0, sizeof m);
	snprintf(m.type, sizeof m.type, "%s", type);
	snprintf(m.point, sizeof m.point, "%s", point);
	snprintf(m.options, sizeof m.options, "%s", options);
	return m;
}

static void test_the_mount_holding_a_directory_is_the_longest_mount_point_above_it(void **state)
{
	(void)state;
	struct store_mount m;
	char real[PATH_MAX];
	assert_non_null(realpath(unit_tmpdir(), real));
	assert_int_equal(store_mount_of(unit_tmpdir(), &m), 1);
	size_t n = strlen(m.point);
	assert_true(strcmp(m.point, "/") == 0 ||
		    (strncmp(m.point, real, n) == 0 && (real[n] == '/' || real[n] == 0)));
	assert_true(m.type[0] != 0);
	assert_int_equal(store_mount_of("/", &m), 1);
	assert_string_equal(m.point, "/");
	assert_int_equal(store_mount_of("/no/such/directory", &m), 0);
}

static void test_nfs_without_close_to_open_is_unsafe(void **state)
{
	(void)state;
	char why[1024];
	struct store_mount m = mount_as("nfs4", "/srv/share", "rw,relatime,vers=4.2,nocto,hard,proto=tcp,lookupcache=pos");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_UNSAFE);
	assert_string_equal(why, "the nfs4 mount at /srv/share has option nocto, which does not check for other "
			    "machines' changes when a file is opened: this machine can read pages another machine "
			    "has since changed, and a write built on them corrupts the file; remount it without nocto");
	/* nocto is worse than a missing lookupcache: that is what is said */
	m = mount_as("nfs4", "/srv/share", "rw,relatime,vers=4.2,nocto,hard,proto=tcp");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_UNSAFE);
	m = mount_as("nfs", "/srv/share", "rw,relatime,vers=3,hard,proto=tcp,lookupcache=pos");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_SAFE);
	assert_string_equal(why, "nfs at /srv/share: lookupcache=pos, without nocto");
	m = mount_as("nfs4", "/srv/share", "rw,lookupcache=none");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_SAFE);
}

/* NFS's default lookupcache=all remembers that a file was absent: a journal a
 * crashed client left can go unseen, so chorus only reads there. */
static void test_nfs_that_caches_absent_files_is_risky(void **state)
{
	(void)state;
	char why[1024];
	struct store_mount m = mount_as("nfs", "/srv/share", "rw,relatime,vers=3,hard,proto=tcp");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_RISKY);
	assert_string_equal(why, "the nfs mount at /srv/share lacks -o lookupcache=pos: NFS remembers that a file "
			    "was absent, so the journal of a client that crashed while writing can go unseen here "
			    "and a write would build on its half-written pages; chorus opens the file read-only "
			    "through it; remount it with -o lookupcache=pos");
	/* an option is a whole item of the list */
	m = mount_as("nfs4", "/srv/share", "rw,lookupcache=possibly");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_RISKY);
}

static void test_smb_with_loose_caching_is_unsafe_and_strict_is_fine(void **state)
{
	(void)state;
	char why[1024];
	struct store_mount m = mount_as("cifs", "/mnt/s", "rw,vers=3.1.1,cache=loose,uid=0");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_UNSAFE);
	assert_non_null(strstr(why, "has option cache=loose"));
	m = mount_as("cifs", "/mnt/s", "rw,vers=3.1.1,cache=strict,uid=0");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_SAFE);
	/* an option is a whole item of the list, not a part of one */
	m = mount_as("smb3", "/mnt/s", "rw,cache=looseish");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_SAFE);
}

static void test_an_sshfs_mount_whose_process_is_not_visible_is_unknown(void **state)
{
	(void)state;
	char why[1024];
	struct store_mount m = mount_as("fuse.sshfs", "/no/such/mount/point", "rw,user_id=0,group_id=0");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_UNKNOWN);
	assert_string_equal(why, "the sshfs process serving /no/such/mount/point is not visible from here (another "
			    "PID namespace or container, or /proc mounted with hidepid), so its options are unknown: "
			    "it must run with -o dir_cache=no and without kernel_cache or auto_cache; chorus opens "
			    "the file read-only; run chorus where that process can be seen, or mount the share "
			    "where chorus runs");
}

/* A process that looks like an sshfs to chorus: a copy of the shell named
 * NAME (so /proc/PID/exe names it), started in cwd with these arguments after
 * "-c 'sleep 30; :'", which the shell ignores.  Its pid, once it runs as NAME. */
static pid_t fake_sshfs(const char *name, const char *cwd, const char *a1, const char *a2,
			const char *a3, const char *a4)
{
	char copy[PATH_MAX], buf[65536];
	snprintf(copy, sizeof copy, "%.3000s/%.100s", unit_tmpdir(), name);
	if (access(copy, X_OK) != 0) {
		FILE *in = fopen("/bin/sh", "rb"), *out = fopen(copy, "wb");
		assert_non_null(in);
		assert_non_null(out);
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			assert_int_equal(fwrite(buf, 1, n, out), n);
		fclose(in);
		fclose(out);
		assert_int_equal(chmod(copy, 0755), 0);
	}
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setpgid(0, 0);   /* stop() ends the shell and its sleep together */
		if (chdir(cwd) != 0)
			_exit(1);
		execl(copy, copy, "-c", "sleep 30; :", a1, a2, a3, a4, (char *)NULL);
		_exit(1);
	}
	/* exec sets the program before the arguments: wait for both */
	char exe[64], args[64], got[PATH_MAX];
	snprintf(exe, sizeof exe, "/proc/%d/exe", (int)pid);
	snprintf(args, sizeof args, "/proc/%d/cmdline", (int)pid);
	for (int i = 0; i < 200; i++) {
		ssize_t k = readlink(exe, got, sizeof got - 1);
		FILE *f = k > 0 && (got[k] = 0, strcmp(got, copy) == 0) ? fopen(args, "rb") : NULL;
		size_t m = f ? fread(got, 1, sizeof got - 1, f) : 0;
		if (f)
			fclose(f);
		if (m > strlen(copy) + 4 && memcmp(got + strlen(copy) + 1, "-c", 3) == 0)
			return pid;
		usleep(5000);
	}
	fail_msg("the fake sshfs did not start");
	return pid;
}

static void stop(pid_t pid)
{
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* The fstab way (mount -t fuse.sshfs -o kernel_cache): mount(8) starts sshfs
 * as /sbin/mount.fuse.sshfs, with the options after the mount point. */
static void test_sshfs_started_by_mount_is_found(void **state)
{
	(void)state;
	char why[1024], point[PATH_MAX];
	snprintf(point, sizeof point, "%.3000s/fstab-point", unit_tmpdir());
	pid_t pid = fake_sshfs("mount.fuse.sshfs", "/", "me@server:/srv/fstab", point, "-o",
			       "rw,kernel_cache,port=2222,IdentityFile=/k");
	struct store_mount m = mount_as("fuse.sshfs", point, "rw,nosuid,nodev,relatime,user_id=0,group_id=0");
	int verdict = store_mount_cache(&m, why, sizeof why);
	stop(pid);
	assert_int_equal(verdict, STORE_CACHE_UNSAFE);
	assert_non_null(strstr(why, "has option kernel_cache"));
}

/* A mount point given through a symlink, or relative to where sshfs was
 * started: mountinfo shows the real path; chorus resolves the one typed. */
static void test_sshfs_mount_point_through_a_symlink_or_relative_is_found(void **state)
{
	(void)state;
	char why[1024], real[PATH_MAX], link[PATH_MAX], point[PATH_MAX], canon[PATH_MAX];
	snprintf(real, sizeof real, "%.3000s/real-dir", unit_tmpdir());
	snprintf(link, sizeof link, "%.3000s/link-dir", unit_tmpdir());
	mkdir(real, 0755);
	unlink(link);
	assert_int_equal(symlink(real, link), 0);
	assert_non_null(realpath(real, canon));
	snprintf(point, sizeof point, "%.3000s/m", canon);
	struct store_mount m = mount_as("fuse.sshfs", point, "rw,user_id=0");
	snprintf(m.source, sizeof m.source, "me@server:/srv/sym");
	char typed[PATH_MAX + 8];
	snprintf(typed, sizeof typed, "%.3000s/m/", link);
	/* (another source, so that only the mount point can find it) */
	pid_t pid = fake_sshfs("sshfs", "/", "other@server:/x", typed, "-oauto_cache", NULL);
	int verdict = store_mount_cache(&m, why, sizeof why);
	stop(pid);
	assert_int_equal(verdict, STORE_CACHE_UNSAFE);
	assert_non_null(strstr(why, "has option auto_cache"));

	/* relative to its working directory (the symlink), with -p's value before it */
	pid = fake_sshfs("sshfs", link, "-p", "2222", "other@server:/x", "m");
	verdict = store_mount_cache(&m, why, sizeof why);
	stop(pid);
	assert_int_equal(verdict, STORE_CACHE_SLOW);
	assert_non_null(strstr(why, "lacks -o dir_cache=no"));
}

/* The options chorus requires are the ones the manual's mount commands give. */
static void test_the_manual_and_readme_give_the_required_sshfs_options(void **state)
{
	(void)state;
	static const char *const docs[] = { "README.md", "man/chorus.1" };
	char want[300];
	snprintf(want, sizeof want, "-o %s", store_sshfs_options());
	for (size_t i = 0; i < 2; i++) {
		FILE *f = fopen(docs[i], "r");
		if (!f)
			skip();   /* run from elsewhere than the source tree */
		char line[4096];
		int found = 0;
		while (fgets(line, sizeof line, f)) {
			/* the man page escapes its dashes */
			char plain[4096];
			size_t k = 0;
			for (const char *c = line; *c && k + 1 < sizeof plain; c++)
				if (!(c[0] == '\\' && c[1] == '-'))
					plain[k++] = *c;
			plain[k] = 0;
			if (strstr(plain, "sshfs ") && strstr(plain, want))
				found = 1;
		}
		fclose(f);
		if (!found)
			fail_msg("%s has no sshfs command with %s", docs[i], want);
	}
}

static void test_a_local_disk_has_no_caching_problem(void **state)
{
	(void)state;
	char why[1024];
	struct store_mount m = mount_as("ext4", "/", "rw,relatime");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_SAFE);
	assert_string_equal(why, "ext4 at /: no known caching problem");
}

static void test_mount_check_looks_only_at_network_filesystems(void **state)
{
	(void)state;
	char note[512], path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/x.db", unit_tmpdir());
	/* a temporary directory is on a local disk here (tmpfs, ext4, overlay) */
	if (!store_fs_is_network(store_fs_type(unit_tmpdir(), NULL, 0)))
		assert_int_equal(store_mount_check(path, note, sizeof note), -1);
	/* a test that pretends a filesystem gets no verdict on the real mount */
	store_fs_inject(0x6969);
	assert_int_equal(store_mount_check(path, note, sizeof note), -1);
	assert_string_equal(note, "");
	store_fs_inject(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_mount_holding_a_directory_is_the_longest_mount_point_above_it),
		cmocka_unit_test(test_nfs_without_close_to_open_is_unsafe),
		cmocka_unit_test(test_smb_with_loose_caching_is_unsafe_and_strict_is_fine),
		cmocka_unit_test(test_nfs_that_caches_absent_files_is_risky),
		cmocka_unit_test(test_an_sshfs_mount_whose_process_is_not_visible_is_unknown),
		cmocka_unit_test(test_sshfs_started_by_mount_is_found),
		cmocka_unit_test(test_sshfs_mount_point_through_a_symlink_or_relative_is_found),
		cmocka_unit_test(test_the_manual_and_readme_give_the_required_sshfs_options),
		cmocka_unit_test(test_a_local_disk_has_no_caching_problem),
		cmocka_unit_test(test_mount_check_looks_only_at_network_filesystems),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return rc;
}
