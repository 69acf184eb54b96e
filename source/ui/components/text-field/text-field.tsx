import TextInput from 'ink-text-input';
import {cleanText} from './clean-text.js';

export type TextFieldProps = {
	value: string;
	onChange: (value: string) => void;
	onSubmit?: (value: string) => void;
	placeholder?: string;
	/** Masks the value, for passwords. */
	mask?: string;
	isActive?: boolean;
};

/** A one-line text field: ink-text-input, with control characters stripped from what arrives. */
export function TextField({
	value,
	onChange,
	onSubmit,
	placeholder,
	mask,
	isActive = true,
}: TextFieldProps) {
	return (
		<TextInput
			value={value}
			placeholder={placeholder}
			mask={mask}
			focus={isActive}
			onChange={(next) => onChange(cleanText(next))}
			onSubmit={onSubmit ? (submitted) => onSubmit(cleanText(submitted)) : undefined}
		/>
	);
}
