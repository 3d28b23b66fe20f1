import {
  checkRegion,
  consoleJobsUrl,
  iamEndpoint,
  modelartsEndpoint,
  parseEndpoint
} from '../../src/huaweicloud/endpoints.js'

describe('region endpoints', () => {
  it('follows the SDK host pattern, with its ap-southeast-1 exception', () => {
    expect(modelartsEndpoint('cn-north-4')).toBe('https://modelarts.cn-north-4.myhuaweicloud.com')
    expect(modelartsEndpoint('ap-southeast-1')).toBe('https://modelarts.ap-southeast-1.myhuaweicloud.cn')
    expect(iamEndpoint('cn-north-4')).toBe('https://iam.cn-north-4.myhuaweicloud.com')
    expect(iamEndpoint('ap-southeast-1')).toBe('https://iam.ap-southeast-1.myhuaweicloud.com')
    expect(iamEndpoint('eu-west-101')).toBe('https://iam.eu-west-101.myhuaweicloud.eu')
  })

  it('links the console page of the region', () => {
    expect(consoleJobsUrl('cn-north-4')).toBe(
      'https://console.huaweicloud.com/modelarts/?region=cn-north-4#/trainingJobs'
    )
  })
})

describe('checkRegion', () => {
  it.each(['cn-north-4', 'ap-southeast-1', 'cn-north-12', 'eu-west-101', 'cn-southwest-2', 'eu-de'])(
    'accepts %s',
    region => {
      expect(checkRegion(region)).toBeUndefined()
    }
  )

  it.each([
    ['', /region is empty.*region input/],
    ['CN-North-4', /did you mean "cn-north-4"/],
    ['cn_north_4', /not a region id/],
    ['https://modelarts.cn-north-4.myhuaweicloud.com', /not a region id/],
    [' cn-north-4', /spaces/]
  ])('rejects %j', (region, message) => {
    expect(checkRegion(region)).toMatch(message)
  })
})

describe('parseEndpoint', () => {
  it.each([
    ['https://modelarts.cn-north-4.myhuaweicloud.com/', 'https://modelarts.cn-north-4.myhuaweicloud.com'],
    ['  https://MODELARTS.example.com:8443/base//  ', 'https://modelarts.example.com:8443/base'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.5:8080/', 'http://127.0.0.5:8080'],
    ['http://[::1]:9000', 'http://[::1]:9000']
  ])('accepts %j as %j', (value, url) => {
    expect(parseEndpoint(value, 'endpoint')).toEqual({ url })
  })

  it('treats an empty value as not set', () => {
    expect(parseEndpoint('  ', 'endpoint')).toEqual({})
  })

  it.each([
    [
      'http://modelarts.example.com',
      /`endpoint` must use https:\/\/.*localhost.*https:\/\/modelarts\.example\.com/
    ],
    ['modelarts.cn-north-4.myhuaweicloud.com', /`endpoint` has no scheme.*https:\/\//],
    ['ftp://example.com', /must use https:\/\//],
    ['https://example.com/?x=1', /without "\?" or "#"/],
    ['https://', /not a valid URL/]
  ])('rejects %j', (value, message) => {
    const result = parseEndpoint(value, 'endpoint')
    expect(result.url).toBeUndefined()
    expect(result.error).toMatch(message)
  })

  it('names the input and never echoes a password', () => {
    const result = parseEndpoint('https://user:hunter2@iam.example.com', 'iam_endpoint')
    expect(result.error).toMatch(/^Input `iam_endpoint` /)
    expect(result.error).not.toContain('hunter2')
  })
})
