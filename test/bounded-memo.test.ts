import { describe, expect, it } from 'vitest';
import { memoByString } from '../src/bounded-memo';
import { isCredentialKey } from '../src/validation/rules/security';
import { qualifiedNameProblem } from '../src/validation/rules/metadata';

describe('memoByString', () => {
  it('asks the function once per key, undefined answers included', () => {
    const asked: string[] = [];
    const f = memoByString((k: string) => {
      asked.push(k);
      return k === 'none' ? undefined : k.length;
    });
    expect([f('abc'), f('abc'), f('none'), f('none')]).toEqual([3, 3, undefined, undefined]);
    expect(asked).toEqual(['abc', 'none']);
  });

  it('holds at most max answers, then starts over', () => {
    const asked: string[] = [];
    const f = memoByString((k: string) => (asked.push(k), k), 2);
    f('a');
    f('b');
    f('c'); // full: forgets a and b
    f('c');
    f('a');
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('remembered verdicts give the same answers', () => {
  it('isCredentialKey still reads the value of a JAAS config key every time', () => {
    const key = 'security.kafka.sasl.jaas.config';
    expect(isCredentialKey(key, 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";')).toBe(true);
    expect(isCredentialKey(key, 'com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true;')).toBe(false);
    expect(isCredentialKey(key, 'x password = "y"')).toBe(true);
    expect(isCredentialKey('s3.secret-key', 'anything')).toBe(true);
    expect(isCredentialKey('s3.secret-key', '')).toBe(true);
    expect(isCredentialKey('s3.secret-key.file', 'x')).toBe(false);
  });

  it('qualifiedNameProblem answers alike on repeats', () => {
    expect(qualifiedNameProblem('a/b/c')).toBe('has more than one "/"');
    expect(qualifiedNameProblem('a/b/c')).toBe('has more than one "/"');
    expect(qualifiedNameProblem('example.com/ok')).toBeUndefined();
    expect(qualifiedNameProblem('example.com/ok')).toBeUndefined();
  });
});
