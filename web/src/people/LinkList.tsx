/**
 * The three role links as people see them on the landing page after creating an
 * interview and in the room's share panel: the role, what it may do, the link with a
 * Copy button, and whatever the caller adds to a row (the room's Replace button).
 *
 * @example
 * <LinkList heading="Share these links" links={created.links}>
 *   <a href={created.links.interviewer}>Open the room</a>
 * </LinkList>
 */
import { ROLES, type Role } from '@codesync/worker/roles';
import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton';

const ROLE_HELP: Record<Role, string> = {
  interviewer: 'You: edit, run, and end the interview.',
  candidate: 'For the candidate: edit and run.',
  observer: 'For colleagues who watch: read only.',
};

interface Props {
  heading: string;
  /** A role's link, or nothing when this browser does not have it. */
  links: Partial<Record<Role, string>>;
  /** Said in a row whose link is missing. */
  missing?: string;
  /** More controls at the end of a role's row. */
  rowActions?(role: Role): ReactNode;
  className?: string;
  /** Below the rows. */
  children?: ReactNode;
}

export function LinkList({ heading, links, missing, rowActions, className = '', children }: Props) {
  return (
    <section className={`card links ${className}`.trim()} aria-label="Links to share">
      <h2>{heading}</h2>
      {ROLES.map((role) => {
        const link = links[role];
        return (
          <div className="link-row" key={role}>
            <div>
              <strong className={`role role-${role}`}>{role}</strong>
              <span className="help">{ROLE_HELP[role]}</span>
            </div>
            <div className="link-line">
              {link ? (
                <>
                  <input readOnly value={link} aria-label={`${role} link`} onFocus={(e) => e.target.select()} />
                  <CopyButton text={link} label={`Copy ${role} link`} />
                </>
              ) : (
                <span className="muted">{missing}</span>
              )}
              {rowActions?.(role)}
            </div>
          </div>
        );
      })}
      {children}
    </section>
  );
}
