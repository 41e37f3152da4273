import { describe, expect, it } from 'vitest';
import { vetExternalLink } from '../../../main/core/external-link';

describe('mailto: links leaving the app', () => {
  it.each([
    ['mailto:a@example.com?attach=/etc/passwd', 'mailto:a@example.com'],
    ['mailto:a@example.com?subject=Hi&attach=%2Fetc%2Fpasswd&body=Text', 'mailto:a@example.com?subject=Hi&body=Text'],
    ['mailto:a@example.com?Attachment=~/.ssh/id_rsa&cc=b@example.com&bcc=c@example.com', 'mailto:a@example.com'],
    ['mailto:a@example.com?%61ttach=/etc/passwd&SUBJECT=x', 'mailto:a@example.com?SUBJECT=x'],
    ['mailto:a@example.com?subject=%E0%A4%A', 'mailto:a@example.com?subject=%E0%A4%A'],
  ])('passes %s on as %s: the address, subject and body only', (url, expected) => {
    expect(vetExternalLink(url)).toBe(expected);
  });
});
