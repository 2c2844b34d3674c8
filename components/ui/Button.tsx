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
}

export function Button({ children, onClick, disabled, variant = 'secondary', control, testId, pressed, title }: ButtonProps) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      data-control={control}
      data-testid={testId}
      aria-pressed={pressed}
      title={title}
      className={variant === 'primary' ? primaryButtonClass : buttonClass}
    >
      {children}
    </button>
  );
}
