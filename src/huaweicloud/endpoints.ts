/** Where the services live: region → URLs, and checks for user-given regions and endpoints. Pure. */

/** Regions whose hosts are not under myhuaweicloud.com, as the official SDKs map them. */
function domainOf(service: 'modelarts' | 'iam', region: string): string {
  if (service === 'modelarts' && region === 'ap-southeast-1') return 'myhuaweicloud.cn'
  if (/^eu-west-1\d\d$/.test(region)) return 'myhuaweicloud.eu'
  return 'myhuaweicloud.com'
}

export function modelartsEndpoint(region: string): string {
  return `https://modelarts.${region}.${domainOf('modelarts', region)}`
}

export function iamEndpoint(region: string): string {
  return `https://iam.${region}.${domainOf('iam', region)}`
}

export function consoleJobsUrl(region: string): string {
  return `https://console.huaweicloud.com/modelarts/?region=${encodeURIComponent(region)}#/trainingJobs`
}

/** An error message for a region id that cannot be right, or undefined. */
export function checkRegion(region: string): string | undefined {
  if (region.trim() === '') {
    return 'region is empty: set the region input (or HUAWEI_CLOUD_REGION), e.g. cn-north-4, or set endpoint'
  }
  if (region !== region.trim()) return `region "${region.trim()}" has surrounding spaces: remove them`
  if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(region)) {
    const lower = region.toLowerCase()
    const suggestion = /^[a-z]{2,}(-[a-z0-9]+)+$/.test(lower) ? `; did you mean "${lower}"?` : ''
    return `region "${region}" is not a region id such as cn-north-4 or ap-southeast-3: use the id from the console's region list${suggestion}`
  }
  return undefined
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * A user-given base URL, normalised without a trailing slash. Empty input gives `{}` (not set).
 * https only; http only for loopback hosts (a local emulator).
 */
export function parseEndpoint(value: string, inputName: string): { url?: string; error?: string } {
  const text = value.trim()
  if (text === '') return {}
  const example = inputName.includes('iam')
    ? 'https://iam.cn-north-4.myhuaweicloud.com'
    : 'https://modelarts.cn-north-4.myhuaweicloud.com'
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return {
      error: `Input \`${inputName}\` has no scheme: write a full URL starting with https://, such as ${example}`
    }
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { error: `Input \`${inputName}\` is not a valid URL: write a full URL such as ${example}` }
  }
  // The value is not echoed from here on if it may hold a password.
  if (url.username !== '' || url.password !== '') {
    return {
      error: `Input \`${inputName}\` must not contain a user name or password: remove the "user:password@" part`
    }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      error: `Input \`${inputName}\` must use https:// (got ${url.protocol}//): write a URL such as ${example}`
    }
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return {
      error: `Input \`${inputName}\` must use https://: http:// is allowed only for localhost, 127.0.0.0/8 and [::1]; write https://${url.host}${url.pathname.replace(/\/+$/, '')}`
    }
  }
  if (url.search !== '' || url.hash !== '') {
    return { error: `Input \`${inputName}\` must be a base URL without "?" or "#" parts: remove them` }
  }
  return { url: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}` }
}
