require "digest"
require "openssl"

class User < ApplicationRecord
  def self.digest_password(password, salt)
    # ruleid: ruby.lang.weak-hash
    Digest::MD5.hexdigest("#{salt}--#{password}")
  end

  def gravatar_checksum
    # ruleid: ruby.lang.weak-hash
    Digest::SHA1.hexdigest(email.downcase)
  end

  def signature(payload, key)
    # ruleid: ruby.lang.weak-hash
    OpenSSL::HMAC.hexdigest("SHA1", key, payload)
  end

  def legacy_digest
    # ruleid: ruby.lang.weak-hash
    OpenSSL::Digest.new("md5")
  end

  def fingerprint(data)
    # ok: ruby.lang.weak-hash
    Digest::SHA256.hexdigest(data)
  end

  def webhook_signature(payload, key)
    # ok: ruby.lang.weak-hash
    OpenSSL::HMAC.hexdigest("SHA256", key, payload)
  end
end
