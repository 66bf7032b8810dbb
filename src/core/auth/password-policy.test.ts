import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './password';
import { commonPasswords, passwordProblem } from './password-policy';
import { generatePassword } from './tokens';

describe('password policy (NIST SP 800-63B)', () => {
  it('ships the common-password list and reads it once into a set', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(40_000);
    expect(list.has('password')).toBe(true);
    expect(list.has('qwerty123456789')).toBe(true);
    expect(commonPasswords()).toBe(list);
  });

  it('refuses passwords shorter than the minimum, counting characters rather than UTF-16 units', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(15);
    expect(passwordProblem('kort')).toBe('password.too_short');
    expect(passwordProblem('fjorton tecken')).toBe('password.too_short');
    expect(passwordProblem('femton tecken!!')).toBeUndefined();
    // Fourteen emoji are 28 UTF-16 units but fourteen characters.
    expect(passwordProblem('🦀🌲🍓🏠🚲⛵🌧🎈🐟🦔🍄🌻🐝🧀')).toBe('password.too_short');
  });

  it('accepts long passwords in any script, spaces included, without composition rules', () => {
    expect(MAX_PASSWORD_LENGTH).toBeGreaterThanOrEqual(64);
    expect(passwordProblem('ålänningar äter surströmming på midsommarafton')).toBeUndefined();
    expect(passwordProblem('مرحبا بالعالم الجميل في مالمو')).toBeUndefined();
    expect(passwordProblem('ﾘｸﾄﾆﾝｸﾞ は とても 良い システム です')).toBeUndefined();
    const long = [...'en lång mening om kommunens uppdrag 🦀 '.repeat(7)].slice(0, MAX_PASSWORD_LENGTH).join('');
    expect([...long].length).toBe(MAX_PASSWORD_LENGTH);
    expect(passwordProblem(long)).toBeUndefined();
    expect(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH + 1))).toBe('password.too_long');
    expect(passwordProblem('en mening med\u0000nolltecken')).toBe('password.characters');
    expect(passwordProblem('en mening med ensam \ud800 surrogat')).toBe('password.characters');
  });

  it('refuses common passwords, also with other case, spaces or repetition', () => {
    expect(passwordProblem('qwerty123456789')).toBe('password.common');
    expect(passwordProblem('Qwerty 123456789')).toBe('password.common');
    expect(passwordProblem('passwordpassword')).toBe('password.common');
    expect(passwordProblem('monkeymonkeymonkey')).toBe('password.common');
    expect(passwordProblem('aaaaaaaaaaaaaaaaaaaa')).toBe('password.common');
    expect(passwordProblem('abcabcabcabcabcabc')).toBe('password.common');
    expect(passwordProblem(' '.repeat(20))).toBe('password.common');
    expect(passwordProblem('riktningriktning')).toBe('password.common');
  });

  it('refuses a password equal to the e-mail address, its name part or the name', () => {
    const who = { email: 'anna-karin.andersson@malmo.example', name: 'Anna-Karin Andersson' };
    expect(passwordProblem('anna-karin.andersson@malmo.example', who)).toBe('password.personal');
    expect(passwordProblem('Anna-Karin.Andersson@Malmo.Example', who)).toBe('password.personal');
    expect(passwordProblem('anna-karin.andersson', who)).toBe('password.personal');
    expect(passwordProblem('anna-karin andersson', who)).toBe('password.personal');
    expect(passwordProblem('anna-karin anderssons cykel är blå', who)).toBeUndefined();
  });

  it('lets every generated password through', () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(generatePassword())).toBeUndefined();
  });
});

describe('password hashing', () => {
  it('normalises with NFKC: the same password typed as composed or decomposed characters, or full-width letters, verifies', async () => {
    const composed = 'Åsa äter smörgåstårta';
    const stored = await hashPassword(composed);
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, composed.normalize('NFD'))).toBe(true);
    const wide = await hashPassword('ｍａｌｍö ｓｔａｄｓｈｕｓ ２０２４');
    expect(await verifyPassword(wide, 'malmö stadshus 2024')).toBe(true);
    expect(await verifyPassword(stored, 'Asa ater smorgastarta')).toBe(false);
  });

  it('still verifies a hash written before normalisation, over the password as typed', async () => {
    // "ﬁ" is a ligature NFKC turns into "fi"; this hash was taken over the ligature itself.
    const typed = 'ﬁkapaus i stadshuset varje dag';
    const legacy = await hash(typed, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(await verifyPassword(legacy, typed)).toBe(true);
    expect(await verifyPassword(legacy, 'fel lösenord helt och hållet')).toBe(false);
  });
});
