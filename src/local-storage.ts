/**
 * Storage only the local pod or cluster can read: `file:`, `local:`, or a bare path. A savepoint
 * there cannot be restored by a job in another cluster (or another namespace: volumes are claimed
 * per namespace). Flink resolves a path without a scheme against the local file system
 * (`org.apache.flink.core.fs.FileSystem.getUnguardedFileSystem` falls back to `file`).
 */
export function isLocalStorage(path: string): boolean {
  const p = path.trim();
  return /^(file|local):/i.test(p) || p.startsWith('/') || !/^[a-z][a-z0-9+.-]*:/i.test(p);
}
