Rails.application.configure do
  # ruleid: ruby.rails.hardcoded-secret
  config.secret_key_base = "9f3a0c1e7b5d4a28c6e1f0b9d8a7c6e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9"
  # ok: ruby.rails.hardcoded-secret
  config.secret_key_base = ENV.fetch("SECRET_KEY_BASE")
end

module Billing
  # ruleid: ruby.rails.hardcoded-secret
  STRIPE_API_KEY = "sk_live_51HxQ2bC3dE4fG5hI6jK7lM8n"

  # ok: ruby.rails.hardcoded-secret
  STRIPE_PUBLIC_NAME = "Acme Billing"

  def self.client
    # ruleid: ruby.rails.hardcoded-secret
    Gateway.new(login: "acme", password: "Tr0ub4dor&3")
  end

  def self.safe_client
    # ok: ruby.rails.hardcoded-secret
    Gateway.new(login: "acme", password: Rails.application.credentials.gateway_password)
    # ok: ruby.rails.hardcoded-secret
    Gateway.new(login: "acme", password: "")
  end
end
