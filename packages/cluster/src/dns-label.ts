/**
 * An RFC 1123 label, the rule Kubernetes applies to namespace names and most object names: lower-case letters,
 * digits and '-', starting and ending with a letter or a digit. As a pattern string, so longer rules (a host
 * name, a JSON Schema `pattern`) are built from it rather than restating it.
 */
export const DNS_LABEL_PATTERN = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

/** A whole string that is one {@link DNS_LABEL_PATTERN}; callers add their length limit (a label has at most 63). */
export const DNS_LABEL = new RegExp(`^${DNS_LABEL_PATTERN}$`);

/** A label is at most 63 characters (RFC 1123); names that get suffixes (kind's node containers) allow fewer. */
export const DNS_LABEL_MAX_LENGTH = 63;

/** An RFC 1123 subdomain: labels joined by dots, e.g. an Ingress host such as `foo.localhost`. */
export const DNS_SUBDOMAIN = new RegExp(`^${DNS_LABEL_PATTERN}(\\.${DNS_LABEL_PATTERN})*$`);
