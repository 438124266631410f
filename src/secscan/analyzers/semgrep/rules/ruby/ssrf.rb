require "net/http"
require "open-uri"

class LinkPreviewsController < ApplicationController
  def show
    # ruleid: ruby.lang.ssrf
    html = Net::HTTP.get(URI(params[:url]))
    render plain: html
  end

  def fetch
    # ruleid: ruby.lang.ssrf
    body = URI.open(params[:image_url]).read
    # ruleid: ruby.lang.ssrf
    resp = HTTParty.get("#{params[:scheme]}://#{params[:host]}/status")
    render plain: body
  end

  def webhook
    # ruleid: ruby.lang.ssrf
    conn = Faraday.new(url: params[:callback])
    conn.post("/notify", { ok: true }.to_json)
    head :ok
  end

  def weather
    # ok: ruby.lang.ssrf
    data = HTTParty.get("https://api.weather.example.com/v1/forecast?city=#{CGI.escape(params[:city])}")
    # ok: ruby.lang.ssrf
    status = Net::HTTP.get(URI("https://status.example.com/health"))
    # ok: ruby.lang.ssrf
    city = HTTParty.get("https://api.weather.example.com/v1/cities/#{params[:id]}")
    render json: data
  end
end
