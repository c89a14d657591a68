/* test_mount.c — how chorus judges the mount under a share-mode file: the
 * mount found in /proc/self/mountinfo, and the caching options that make a
 * machine read stale pages (NFS nocto, SMB cache=loose) or that it cannot see
 * (an sshfs mount whose process is not visible).  tests/stress/share.sh
 * checks the same over real sshfs mounts. */
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
	char why[512];
	struct store_mount m = mount_as("nfs4", "/srv/share", "rw,relatime,vers=4.2,nocto,hard,proto=tcp");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_UNSAFE);
	assert_string_equal(why, "the nfs4 mount at /srv/share has option nocto, which does not check for other "
			    "machines' changes when a file is opened: this machine can read pages another machine "
			    "has since changed, and a write built on them corrupts the file; remount it without nocto");
	m = mount_as("nfs", "/srv/share", "rw,relatime,vers=3,hard,proto=tcp,lookupcache=all");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_SAFE);
	assert_string_equal(why, "nfs at /srv/share: without nocto");
}

static void test_smb_with_loose_caching_is_unsafe_and_strict_is_fine(void **state)
{
	(void)state;
	char why[512];
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
	char why[512];
	struct store_mount m = mount_as("fuse.sshfs", "/no/such/mount/point", "rw,user_id=0,group_id=0");
	assert_int_equal(store_mount_cache(&m, why, sizeof why), STORE_CACHE_UNKNOWN);
	assert_string_equal(why, "the sshfs process serving /no/such/mount/point is not visible from here, so its "
			    "options are unknown: it must run with dir_cache=no and without kernel_cache and auto_cache");
}

static void test_a_local_disk_has_no_caching_problem(void **state)
{
	(void)state;
	char why[512];
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
		cmocka_unit_test(test_an_sshfs_mount_whose_process_is_not_visible_is_unknown),
		cmocka_unit_test(test_a_local_disk_has_no_caching_problem),
		cmocka_unit_test(test_mount_check_looks_only_at_network_filesystems),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unit_cleanup();
	return rc;
}
