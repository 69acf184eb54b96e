/**
 * Puts `text` on the clipboard of the terminal the person sits at, through OSC 52
 * (`ESC ] 52 ; c ; base64 BEL`): it travels with the output, so it works over SSH and in tmux
 * (with `set-clipboard on`). Written to the real terminal, not through Ink's frames. Returns
 * false where there is no terminal to ask.
 */
export function copyToClipboard(
	text: string,
	output: NodeJS.WritableStream & {isTTY?: boolean} = process.stdout,
): boolean {
	if (!output.isTTY) return false;
	output.write(`\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`);
	return true;
}
