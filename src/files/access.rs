//! Who may read the database, its snapshots and backups: the owner, and the
//! service's group when `serve` is set up with one — whatever the umask.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// Who may read a directory of ours and the files in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The owner only: directories 0700, files 0600.
    Private,
    /// The owner, and members of this group read: directories 0750, files 0640.
    Group(u32),
}

impl Access {
    pub fn dir_mode(self) -> u32 {
        match self {
            Access::Private => 0o700,
            Access::Group(_) => 0o750,
        }
    }

    pub fn file_mode(self) -> u32 {
        match self {
            Access::Private => 0o600,
            Access::Group(_) => 0o640,
        }
    }

    /// The access the directory `dir` was given: shared only when it belongs
    /// to a group other than the user's own and that group may enter it — which
    /// happens when `serve` shared it, or an administrator did on purpose.
    pub fn of(dir: &Path) -> Access {
        match std::fs::metadata(dir) {
            Ok(m) if m.gid() != nix::unistd::getegid().as_raw() && m.mode() & 0o050 == 0o050 => {
                Access::Group(m.gid())
            }
            _ => Access::Private,
        }
    }

    /// Gives `path` (a directory or a file) this access: the mode, and the group when shared.
    pub fn apply(self, path: &Path) -> std::io::Result<()> {
        let meta = std::fs::symlink_metadata(path)?;
        // Never through a link: a planted one would hand its target to us.
        if meta.file_type().is_symlink() {
            return Ok(());
        }
        let mode = if meta.is_dir() {
            self.dir_mode()
        } else {
            self.file_mode()
        };
        if let Access::Group(gid) = self
            && meta.gid() != gid
        {
            std::os::unix::fs::lchown(path, None, Some(gid))?;
        }
        if meta.mode() & 0o7777 != mode {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        }
        Ok(())
    }

    /// This access for the directory `dir` and everything in it (sled keeps a `blobs/` subdirectory).
    pub fn apply_tree(self, dir: &Path) -> std::io::Result<()> {
        self.apply(dir)?;
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                self.apply_tree(&entry.path())?;
            } else {
                self.apply(&entry.path())?;
            }
        }
        Ok(())
    }
}

/// From here on, what this process creates is readable by its owner alone
/// unless given more on purpose (the socket, a shared database): a default
/// umask of 022 would make sled's files readable by every local user.
pub fn restrict_umask() {
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_of_the_users_own_group_is_private() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(Access::of(dir.path()), Access::Private);
        std::fs::write(dir.path().join("f"), b"x").unwrap();
        Access::Private.apply_tree(dir.path()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().mode() & 0o777;
        assert_eq!(mode(dir.path()), 0o700);
        assert_eq!(mode(&dir.path().join("f")), 0o600);
    }
}
