'use client';

import type { ReactNode } from 'react';
import { buttonClass, primaryButtonClass } from './styles';

export interface ButtonProps {
  readonly children: ReactNode;
  readonly onClick: () => void;
  readonly disabled?: boolean;
  readonly variant?: 'primary' | 'secondary';
  /** The URL parameter or action this button stands for (data-control, for embeds' `hide`). */
  readonly control?: string;
  readonly testId?: string;
  /** aria-pressed, for buttons that toggle a choice. */
  readonly pressed?: boolean;
  readonly title?: string;
  /**
   * Unavailable but still focusable (aria-disabled): for buttons that turn unavailable while they
   * have focus, such as a stepper's Next on the last step, so the keyboard focus is not dropped.
   */
  readonly softDisabled?: boolean;
}

export function Button({ children, onClick, disabled, variant = 'secondary', control, testId, pressed, title, softDisabled }: ButtonProps) {
  return (
    <button
      type="button"
      onClick={softDisabled ? undefined : onClick}
      disabled={disabled}
      aria-disabled={softDisabled || undefined}
      data-control={control}
      data-testid={testId}
      aria-pressed={pressed}
      title={title}
      className={`${variant === 'primary' ? primaryButtonClass : buttonClass}${softDisabled ? ' cursor-not-allowed opacity-50' : ''}`}
    >
      {children}
    </button>
  );
}
