/**
 * Whether a container image reference pins what runs: a tag other than `latest`, or a digest.
 *
 * The colon of a registry port (`registry:5000/team/job`) is not a tag separator: only a colon
 * after the last `/` is.
 */
export function imagePinning(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  return { ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Why an image is not reproducible, or undefined when it is pinned. */
export function unpinnedReason(image: string): string | undefined {
  const { tag, digest } = imagePinning(image);
  if (digest) return undefined;
  if (!tag) return 'has no tag or digest, so it means ":latest"';
  if (tag === 'latest') return 'uses the moving tag "latest"';
  return undefined;
}

/**
 * The reference grammar of container images (github.com/distribution/reference, grammar.go; the
 * OCI distribution spec): `[domain[:port]/]path[:tag][@digest]`, path components lower-case
 * alphanumerics joined by `.`, `_`, `__` or dashes, a tag of at most 128 word characters, `.` and
 * `-` (not starting with `.` or `-`), a digest `algorithm:hex` (hex of 32 or more), the name at
 * most 255 characters. The kubelet refuses anything else (InvalidImageName) and the pod never
 * starts; in a shell command such a string could also carry `$(...)`.
 */
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|-+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const MAX_NAME = 255;

/** Why `image` is not a valid image reference, or undefined when it is. */
export function imageReferenceProblem(image: string): string | undefined {
  if (image === '') return 'is empty';
  if (image.length > 4096) return `is ${image.length} characters long`;
  if (/\s/.test(image)) return 'contains whitespace';
  const m = REFERENCE.exec(image);
  if (!m) {
    if (/[A-Z]/.test(image.split(/[:@]/)[0].split('/').slice(1).join('/')) || (!image.includes('/') && /[A-Z]/.test(image.split(/[:@]/)[0]))) {
      return 'has upper-case letters in its repository path (only the registry host may have them)';
    }
    return 'does not follow the image reference grammar [registry[:port]/]path[:tag][@algorithm:hex]';
  }
  const name = m[1] ? `${m[1]}/${m[2]}` : m[2];
  if (name.length > MAX_NAME) return `has a name of ${name.length} characters (at most ${MAX_NAME})`;
  return undefined;
}
