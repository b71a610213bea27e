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
