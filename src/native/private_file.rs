//! Files that hold secrets (the secrets bundle, machine configs, the talosconfig, the
//! kubeconfig): written 0600, whole or not at all, and never over an existing file
//! unless the caller says so.

use std::io::Write;
use std::path::Path;

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    Refuse,
}

/// Writes `text` to `path`, readable by its owner only. The parent directory is made
/// (0700) when missing. With [`Existing::Refuse`] an existing file is an
/// `AlreadyExists` error and stays as it was.
pub fn write_private(path: &Path, text: &str, existing: Existing) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder.create(parent)?;
        }
    }
    let tmp = path.with_extension("tmp-talos-planner");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    let placed = match existing {
        Existing::Replace => std::fs::rename(&tmp, path),
        // A hard link fails when the target exists: no window in which another
        // writer's file could be replaced.
        Existing::Refuse => std::fs::hard_link(&tmp, path),
    };
    let _ = std::fs::remove_file(&tmp).or_else(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Ok(()),
        _ => Err(e),
    });
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_not_replaced_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/secret.yaml");
        write_private(&path, "one", Existing::Refuse).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let dir_mode = std::fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(dir_mode & 0o777, 0o700);
        }
        let err = write_private(&path, "two", Existing::Refuse).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_private(&path, "three", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three");
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }
}
