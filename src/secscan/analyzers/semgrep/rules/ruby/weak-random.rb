require "securerandom"

class User < ApplicationRecord
  CHARS = ("a".."z").to_a + ("0".."9").to_a

  def generate_reset_token
    # ruleid: ruby.lang.weak-random
    self.reset_token = CHARS.sample(32).join
  end

  def issue_otp!
    # ruleid: ruby.lang.weak-random
    @otp = rand(100_000..999_999).to_s
    # ruleid: ruby.lang.weak-random
    api_key = Random.new.bytes(16).unpack1("H*")
    update!(otp: @otp, api_key: api_key)
  end

  def generate_confirmation_token
    # ok: ruby.lang.weak-random
    self.confirmation_token = SecureRandom.urlsafe_base64(32)
    # ok: ruby.lang.weak-random
    self.invite_code = CHARS.sample(8, random: SecureRandom).join
  end

  def pick_avatar_color
    # ok: ruby.lang.weak-random
    color = %w[red green blue].sample
    # ok: ruby.lang.weak-random
    delay = rand(0.5..2.0)
    [color, delay]
  end
end
