import { errorMessage, isRecord, textOf } from '../../src/util/values.js'

test('isRecord: a mapping, never null or a list', () => {
  expect(isRecord({ a: 1 })).toBe(true)
  expect(isRecord(null)).toBe(false)
  expect(isRecord([1])).toBe(false)
  expect(isRecord('text')).toBe(false)
})

test('errorMessage: the message, the name when the message is empty, anything else as text', () => {
  expect(errorMessage(new Error('no route'))).toBe('no route')
  expect(errorMessage(new TypeError(''))).toBe('TypeError')
  expect(errorMessage('plain')).toBe('plain')
  expect(errorMessage(undefined)).toBe('undefined')
})

test('textOf: strings as they are, numbers written out, anything else empty', () => {
  expect(textOf('Running')).toBe('Running')
  expect(textOf(8)).toBe('8')
  expect(textOf(null)).toBe('')
  expect(textOf({ phase: 'Running' })).toBe('')
  expect(textOf(true)).toBe('')
})
