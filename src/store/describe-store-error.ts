/** What an operator can do about a file-system error code, in words; the code itself is kept in the message. */
const FS_CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted (not the owner?)',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device (disk full)',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name is in the way',
  EISDIR: 'a directory is in the way',
  ELOOP: 'too many symbolic links',
  EIO: 'disk I/O error',
};

/** SQLite primary result codes that come from the disk or the file rather than from the SQL. https://sqlite.org/rescode.html */
const SQLITE_CAUSES: Record<number, string> = {
  3: 'access permission denied (SQLITE_PERM)',
  8: 'the database is read-only: the file, its directory or the file system is not writable (SQLITE_READONLY)',
  10: 'disk I/O error (SQLITE_IOERR)',
  11: 'the database file is corrupt (SQLITE_CORRUPT)',
  13: 'the disk is full (SQLITE_FULL)',
  14: 'the database file cannot be opened: its directory is missing or not accessible (SQLITE_CANTOPEN)',
  26: 'the file is not a SQLite database (SQLITE_NOTADB)',
};

/**
 * A store failure in words that name its real cause (disk full, read-only, permission) and the path,
 * so the CLI's error and the log say what to fix. Errors that are about the SQL itself (constraints)
 * keep their own message.
 */
export function describeStoreError(err: unknown, path: string): string {
  const e = err as { code?: unknown; errcode?: unknown; message?: unknown; syscall?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (typeof e?.errcode === 'number') {
    const cause = SQLITE_CAUSES[e.errcode & 0xff];
    return cause ? `${cause} at ${path} (${message})` : message;
  }
  if (typeof e?.code === 'string' && FS_CAUSES[e.code]) return `${FS_CAUSES[e.code]} (${e.code}) at ${path}`;
  return `${message} (${path})`;
}
