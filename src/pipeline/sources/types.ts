/** What the sources stage hands every later stage: one checked-out tree per configured source. */

/** Web host of a git remote, used to derive view/edit/source links. */
export interface SourceHost {
  kind: 'github' | 'gitlab' | 'bitbucket';
  /** Browsable repo URL without credentials or `.git`, e.g. `https://github.com/acme/payments`. */
  repoUrl: string;
}

/** The last commit that touched a file, from one `git log` over the whole repo. */
export interface FileChange {
  commit: string;
  /** ISO 8601 */
  date: string;
  author: string;
}

export interface Snapshot {
  /** The configured source name (unique, `[a-z0-9-]+`). */
  name: string;
  /** Absolute path of the work tree. Every file a stage reads must resolve inside it. */
  root: string;
  origin: 'git' | 'path';
  /** Remote URL with any credentials removed (git sources). */
  url?: string;
  /** The configured ref, if any. */
  ref?: string;
  /** Resolved commit SHA of the tree, when it is a git checkout. */
  commit?: string;
  /** Date of that commit, ISO 8601. */
  commitDate?: string;
  /** Branch or tag name to use in web links (falls back to commit). */
  webRef?: string;
  host?: SourceHost;
  /** Globs (relative to root) where descriptors are looked for. */
  catalogGlobs: string[];
  /**
   * posix path of `root` inside its git repository, when that is not the repository's top
   * (a `path:` source in a subfolder). Web links to a file are `<repoUrl>/…/<repoPath>/<file>`.
   */
  repoPath?: string;
  /** True when a fetch failed and the last cached copy is used. */
  stale: boolean;
  /** posix path relative to root → last change. Empty when not a git tree. */
  history: Record<string, FileChange>;
}
