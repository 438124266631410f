require "net/http"
require "openssl"

class PartnerClient
  def fetch(uri)
    http = Net::HTTP.new(uri.host, uri.port)
    http.use_ssl = true
    # ruleid: ruby.lang.ssl-verification-disabled
    http.verify_mode = OpenSSL::SSL::VERIFY_NONE
    http.get(uri.request_uri)
  end

  def connection
    # ruleid: ruby.lang.ssl-verification-disabled
    Faraday.new(url: "https://partner.example.com", ssl: { verify: false })
  end

  def download(url)
    # ruleid: ruby.lang.ssl-verification-disabled
    RestClient::Request.execute(method: :get, url: url, verify_ssl: false)
  end

  def safe_fetch(uri)
    http = Net::HTTP.new(uri.host, uri.port)
    http.use_ssl = true
    # ok: ruby.lang.ssl-verification-disabled
    http.verify_mode = OpenSSL::SSL::VERIFY_PEER
    # ok: ruby.lang.ssl-verification-disabled
    http.ca_file = "/etc/ssl/certs/partner-ca.pem"
    # ok: ruby.lang.ssl-verification-disabled
    Faraday.new(url: "https://partner.example.com", ssl: { verify: true })
  end

  def insecure?(http)
    # ok: ruby.lang.ssl-verification-disabled
    http.verify_mode == OpenSSL::SSL::VERIFY_NONE
  end
end
