//! Where uploaded files live, behind the [`FileStore`] trait: a folder of the data dir today
//! ([`LocalFileStore`]); an object store (S3) shared by several instances can implement the same
//! three calls later. Keys are chosen by the application (`2026-12/<uuid>`), never by people.

use std::io;
use std::path::{Path, PathBuf};

use futures_util::future::BoxFuture;

/// Put, get and delete whole files by key.
pub trait FileStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing what was there.
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> BoxFuture<'a, io::Result<()>>;

    /// The bytes stored under `key`; `NotFound` when there are none.
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<Vec<u8>>>;

    /// Removes what is stored under `key`; a key already gone is not an error, so that jobs
    /// running twice (on two instances) both succeed.
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>>;
}

/// Files under one folder, a key's `/` being a subfolder.
pub struct LocalFileStore {
    root: PathBuf,
}

impl LocalFileStore {
    pub fn new(root: impl Into<PathBuf>) -> LocalFileStore {
        LocalFileStore { root: root.into() }
    }

    /// The file of `key`, refusing keys that could leave the folder.
    fn path(&self, key: &str) -> io::Result<PathBuf> {
        let well_formed = !key.is_empty()
            && key.split('/').all(|part| {
                !part.is_empty()
                    && part != "."
                    && part != ".."
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
            });
        if !well_formed {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a storage key",
            ));
        }
        Ok(self.root.join(key))
    }
}

async fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    tokio::fs::write(path, bytes).await
}

impl FileStore for LocalFileStore {
    fn put<'a>(&'a self, key: &'a str, bytes: &'a [u8]) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move { write(&self.path(key)?, bytes).await })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<Vec<u8>>> {
        Box::pin(async move { tokio::fs::read(self.path(key)?).await })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)?).await {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => other,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn put_get_delete_round_trip() {
        let root = std::env::temp_dir().join(format!("agora-store-{}", uuid::Uuid::new_v4()));
        let store = LocalFileStore::new(&root);
        store.put("2026-12/abc", b"hello").await.expect("put");
        assert_eq!(store.get("2026-12/abc").await.expect("get"), b"hello");
        assert!(root.join("2026-12/abc").is_file());
        store.delete("2026-12/abc").await.expect("delete");
        let missing = store.get("2026-12/abc").await.expect_err("gone");
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        store
            .delete("2026-12/abc")
            .await
            .expect("deleting twice is fine");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[tokio::test]
    async fn keys_cannot_leave_the_folder() {
        let store = LocalFileStore::new(std::env::temp_dir().join("agora-store-never-written"));
        for key in [
            "",
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a//b",
            "a\\b",
            "./a",
        ] {
            let err = store.put(key, b"x").await.expect_err(key);
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{key}");
        }
    }
}
