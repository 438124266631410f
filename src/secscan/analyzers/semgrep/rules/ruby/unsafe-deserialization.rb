require "base64"
require "yaml"
require "oj"

class PreferencesController < ApplicationController
  def restore
    # ruleid: ruby.lang.unsafe-deserialization
    prefs = Marshal.load(Base64.decode64(cookies[:prefs]))
    render json: prefs
  end

  def import
    # ruleid: ruby.lang.unsafe-deserialization
    config = YAML.load(params[:config])
    # ruleid: ruby.lang.unsafe-deserialization
    doc = Oj.load(request.raw_post)
    render json: config.merge(doc)
  end

  def safe
    # ok: ruby.lang.unsafe-deserialization
    config = YAML.safe_load(params[:config], permitted_classes: [Date])
    # ok: ruby.lang.unsafe-deserialization
    doc = Oj.load(request.raw_post, mode: :strict)
    # ok: ruby.lang.unsafe-deserialization
    data = JSON.parse(request.raw_post)
    # ok: ruby.lang.unsafe-deserialization
    defaults = YAML.load(File.read(Rails.root.join("config", "defaults.yml")))
    render json: config.merge(doc).merge(data)
  end
end
