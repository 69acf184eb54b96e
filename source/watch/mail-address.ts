/**
 * A single plain address (`name@example.org`), as a task.json's `requestor` or `--mail-to` should
 * hold: no display name, no list, no comment, no space or control character, at most 254 bytes.
 * A requestor field is typed by another person, so anything fancier is refused rather than
 * handed to SMTP, where a comma would add a recipient.
 */
export function isMailAddress(text: string): boolean {
	if (text.length > 254) return false;
	const match =
		/^([^\s@<>()[\],;:"\\]+)@([a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)+)$/iu.exec(
			text,
		);
	if (!match) return false;
	const local = match[1] ?? '';
	return (
		local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !/\p{Cc}/u.test(local)
	);
}

/** The domain of an address already checked with `isMailAddress`. */
export function mailDomain(address: string): string {
	return address.slice(address.lastIndexOf('@') + 1);
}
